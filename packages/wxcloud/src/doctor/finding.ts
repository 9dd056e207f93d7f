/**
 * What `doctor` reports: one finding per check, each with a level, what it saw (Chinese first,
 * English alongside) and, unless all is well, a fix. `fix` findings make the command exit non-zero;
 * `warn` and `unknown` (what cannot be told offline) do not.
 */

export type FindingLevel = 'ok' | 'warn' | 'fix' | 'unknown';

export interface Finding {
  level: FindingLevel;
  /** What was checked or seen: "中文 / English". */
  what: string;
  /** What to do: "中文 / English"; absent when all is well. */
  fix?: string;
}

export const ok = (what: string): Finding => ({ level: 'ok', what });
export const warn = (what: string, fix: string): Finding => ({ level: 'warn', what, fix });
export const mustFix = (what: string, fix: string): Finding => ({ level: 'fix', what, fix });
export const unknown = (what: string, fix: string): Finding => ({ level: 'unknown', what, fix });

const MARK: Record<FindingLevel, string> = { ok: '✓', warn: '!', fix: '✗', unknown: '?' };

/** One section of the report: a title and its findings. */
export interface Section {
  title: string;
  findings: Finding[];
}

export function formatReport(sections: Section[]): string[] {
  const lines: string[] = [];
  for (const section of sections) {
    lines.push('', section.title);
    for (const finding of section.findings) {
      lines.push(`  ${MARK[finding.level]} ${finding.what}`);
      if (finding.fix) lines.push(`    怎么办 / fix: ${finding.fix}`);
    }
  }
  const all = sections.flatMap((section) => section.findings);
  const count = (level: FindingLevel) => all.filter((finding) => finding.level === level).length;
  lines.push(
    '',
    count('fix')
      ? `需要修改 ${count('fix')} 处，提醒 ${count('warn')} 处 / ${count('fix')} to fix, ${count('warn')} warning(s)`
      : `没有必须修改的问题，提醒 ${count('warn')} 处 / nothing must be fixed, ${count('warn')} warning(s)`,
  );
  return lines;
}

/** 1 when any finding must be fixed, else 0. */
export function exitCodeOf(sections: Section[]): number {
  return sections.some((section) => section.findings.some((finding) => finding.level === 'fix')) ? 1 : 0;
}
