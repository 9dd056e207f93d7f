/**
 * Figures the reliability suites measure (logins tried, faults injected, crashes survived, bad
 * inputs tried, documents lost or duplicated), appended as JSON lines to the file the figures
 * reporter names in RELIABILITY_FIGURES_FILE, so that one summary can be printed after all test
 * files (which jest may run in several worker processes) have finished.
 */
import { appendFileSync } from 'node:fs';

export const FIGURES_FILE_ENV = 'RELIABILITY_FIGURES_FILE';

export const FIGURE_NAMES = [
  'concurrentLogins',
  'faultsInjected',
  'crashesSurvived',
  'acknowledgedWritesChecked',
  'badInputsTried',
  'documentsLost',
  'documentsDuplicated',
  'permissionChecks',
  'storeOperations',
  'storeRestarts',
  'storeReadsChecked',
] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];

export interface FigureLine {
  figure: FigureName;
  /** e.g. the fault kind for faultsInjected. */
  detail?: string;
  count: number;
  suite: string;
}

/** Adds `count` to a figure (no-op when jest runs without the reporter). */
export function recordFigure(figure: FigureName, count: number, detail?: string): void {
  const file = process.env[FIGURES_FILE_ENV];
  if (!file || !Number.isFinite(count)) return;
  const line: FigureLine = {
    figure,
    count,
    suite: expect.getState().testPath ?? 'unknown',
    ...(detail ? { detail } : {}),
  };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}
