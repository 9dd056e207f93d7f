/**
 * The human-readable report: a few Markdown tables (they line up in a terminal and render in the
 * README), Chinese first with English alongside, every figure taken from the JSON report.
 */
import type { BenchReport, ConcurrencyKey, Implementation, LoginKind } from './report';
import { CONCURRENCY_KEYS, LOGIN_KINDS } from './report';
import { ratio } from './stats';
import { renderTable } from './text-table';

const KIND_LABEL: Record<LoginKind, string> = { returning: '老用户 returning', first: '新用户 first' };

const BASELINE_NOTE_ZH = '本项目 ours = cloudfunctions/login；模板 baseline = 先查询再新增或更新';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

/** A number as the table shows it: thousands separated, at most `digits` decimals. */
export function formatNumber(value: number, digits = 1): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** The bundled function's cold start should be at most this fraction of the unbundled one's. */
export const COLD_START_GOAL = 0.7;

function times(value: number | null): string {
  return value === null || !Number.isFinite(value) ? '–' : `${formatNumber(value, 2)}×`;
}

function requestsCell(perLogin: number, byAction: Record<string, number>): string {
  const actions = Object.entries(byAction).map(([action, count]) =>
    count === 1 ? action : `${formatNumber(count, 2)}× ${action}`,
  );
  return `${formatNumber(perLogin, 2)} (${actions.join(' + ')})`;
}

function header(report: BenchReport): string[] {
  const { machine } = report;
  const runKind = report.mode === 'quick' ? 'quick run: figures not to be trusted' : 'full run';
  return [
    `# 登录开销基准 / Login benchmark (${runKind}, ${formatNumber(report.durationSec)} s)`,
    '',
    `机器 / Machine: ${machine.cpu}, ${machine.cores} ` +
      `cores, ${formatNumber(machine.memoryGb)} GB, ` +
      `Node ${machine.node}, ${machine.platform}`,
    `${BASELINE_NOTE_ZH} / query the user, then add or update`,
  ];
}

function requestsTable(report: BenchReport): string[] {
  const { dbRequestsPerLogin: requests, dbActionsPerLogin: actions } = report;
  const perLogin: Record<Implementation, Record<LoginKind, number>> = { ours: requests, baseline: requests.baseline };
  return renderTable(
    [{ header: '登录 login' }, { header: '本项目 ours' }, { header: '模板 baseline' }],
    LOGIN_KINDS.map((kind) => [
      KIND_LABEL[kind],
      requestsCell(perLogin.ours[kind], actions.ours[kind]),
      requestsCell(perLogin.baseline[kind], actions.baseline[kind]),
    ]),
  );
}

function latencyTable(report: BenchReport): string[] {
  const { latencyMs, throughputPerSec } = report;
  const right = (text: string) => ({ header: text, align: 'right' as const });
  const rows = LOGIN_KINDS.flatMap((kind) =>
    CONCURRENCY_KEYS.map((key: ConcurrencyKey) => {
      const ours = latencyMs.ours[kind][key];
      const baseline = latencyMs.baseline[kind][key];
      return [
        KIND_LABEL[kind],
        String(report.settings.concurrency[key]),
        formatNumber(ours.p50, 2),
        formatNumber(ours.p99, 2),
        formatNumber(throughputPerSec.ours[kind][key]),
        formatNumber(baseline.p50, 2),
        formatNumber(baseline.p99, 2),
        formatNumber(throughputPerSec.baseline[kind][key]),
        times(ratio(baseline.p50, ours.p50)),
      ];
    }),
  );
  return renderTable(
    [
      { header: '登录 login' },
      right('并发 conc.'),
      right('ours p50'),
      right('ours p99'),
      right('ours 次/s'),
      right('baseline p50'),
      right('baseline p99'),
      right('baseline 次/s'),
      right('p50 baseline÷ours'),
    ],
    rows,
  );
}

const BASELINE_COLUMN = { header: '模板 baseline', align: 'right' } as const;

function otherTable(report: BenchReport): string[] {
  const { duplicatesUnderConcurrency: duplicates, scaleP50Ms: scale, scaleRatio100kTo1k: scaleRatio } = report;
  const users = (count: number) => formatNumber(count, 0);
  return renderTable(
    [{ header: '指标 figure' }, { header: '本项目 ours', align: 'right' }, BASELINE_COLUMN],
    [
      [
        `同一用户 ${duplicates.logins} 个并发首次登录后的文档数 / documents ` +
          `after ${duplicates.logins} concurrent first logins`,
        String(duplicates.ours),
        String(duplicates.baseline),
      ],
      [
        `其中失败的登录 / of which failed (answered an error)`,
        String(duplicates.failedLogins.ours),
        String(duplicates.failedLogins.baseline),
      ],
      [
        `老用户登录 p50（${users(scale.users.small)} 个用户）/ returning p50 ` +
          `ms, ${users(scale.users.small)} users`,
        formatNumber(scale.ours.small, 2),
        formatNumber(scale.baseline.small, 2),
      ],
      [
        `老用户登录 p50（${users(scale.users.large)} 个用户）/ returning p50 ` +
          `ms, ${users(scale.users.large)} users`,
        formatNumber(scale.ours.large, 2),
        formatNumber(scale.baseline.large, 2),
      ],
      [
        `比值 / ratio ${users(scale.users.large)} ÷ ${users(scale.users.small)}`,
        times(scaleRatio.ours),
        times(scaleRatio.baseline),
      ],
    ],
  );
}

/** Why concurrent logins failed, when some did: the first error of each implementation. */
function failureNotes(report: BenchReport): string[] {
  const { firstFailure } = report.duplicatesUnderConcurrency;
  const notes = Object.entries(firstFailure).map(
    ([implementation, message]) => `- ${implementation} 首个失败 / first failure: ${message}`,
  );
  return notes.length > 0 ? ['', ...notes] : [];
}

const COLD_START_LABEL = '冷启动中位数 / cold start median (ms)';

function packageTable(report: BenchReport): string[] {
  const { coldStartMs, packageBytes, packageFiles } = report;
  return renderTable(
    [
      { header: '本项目的函数 / our function' },
      { header: '打包 bundled', align: 'right' },
      { header: '不打包 unbundled', align: 'right' },
    ],
    [
      [COLD_START_LABEL, formatNumber(coldStartMs.bundled), formatNumber(coldStartMs.unbundled)],
      [
        `冷启动比值 / cold start ratio (目标 goal ≤ ${COLD_START_GOAL}×)`,
        times(coldStartMs.bundled / coldStartMs.unbundled),
        times(1),
      ],
      [
        '部署包 / deployed package',
        `${formatBytes(packageBytes.bundled)}, ${packageFiles.bundled} files`,
        `${formatBytes(packageBytes.unbundled)}, ${packageFiles.unbundled} files`,
      ],
    ],
  );
}

function miniprogramTable(report: BenchReport): string[] {
  const { firstLaunch, warmLaunch } = report.miniprogram;
  return renderTable(
    [
      { header: '小程序启动 / launch' },
      { header: '云函数调用 / calls', align: 'right' },
      { header: '到显示用户 / ms to user', align: 'right' },
    ],
    [
      ['首次启动 / first launch', formatNumber(firstLaunch.calls), formatNumber(firstLaunch.msToUser, 2)],
      [
        '热启动（已缓存用户）/ warm launch (cached user)',
        formatNumber(warmLaunch.calls),
        formatNumber(warmLaunch.msToUser, 2),
      ],
    ],
  );
}

function serverTable(report: BenchReport): string[] {
  const { loginMs, verifyPerSec, dbRequestsPerVerify } = report.server;
  const login = (figures: { p50: number; p99: number }) =>
    `${formatNumber(figures.p50, 2)} / ${formatNumber(figures.p99, 2)}`;
  return [
    ...renderTable(
      [{ header: '老用户登录 / returning login' }, { header: 'p50 / p99 (ms)', align: 'right' }],
      [
        ['code2Session → 自己的服务器 / own server (POST /auth/login)', login(loginMs.code2Session)],
        ['云函数 / cloud function login', login(loginMs.cloudFunction)],
      ],
    ),
    '',
    ...renderTable(
      [{ header: '访问令牌校验 / access token verification' }, { header: '数值 / value', align: 'right' }],
      [
        ['每秒校验次数 / verifications per second (one process)', formatNumber(verifyPerSec, 0)],
        ['每次校验的数据库请求 / database requests per verification', formatNumber(dbRequestsPerVerify, 0)],
      ],
    ),
  ];
}

export function formatReport(report: BenchReport): string[] {
  const { settings } = report;
  const logins = CONCURRENCY_KEYS.map((key) => `${settings.loginsPerCase[key]} @ ${settings.concurrency[key]}`).join(
    ', ',
  );
  return [
    ...header(report),
    '',
    '## 每次登录的数据库请求 / Database requests per login (counted by the emulator)',
    '',
    ...requestsTable(report),
    '',
    `## 延迟（毫秒）与吞吐 / Latency (ms) and throughput, through the client endpoint`,
    '',
    `logins per case: ${logins}; ${settings.maxInstancesPerFunction} warm ` +
      `instances per function; ${formatNumber(settings.backgroundUsers, 0)} ` +
      `users in the collection to start with`,
    '',
    ...latencyTable(report),
    '',
    '## 并发与规模 / Concurrency and scale',
    '',
    ...otherTable(report),
    ...failureNotes(report),
    '',
    `## 冷启动与包大小 / Cold start and package size (median of ${settings.coldStartSamples} cold starts)`,
    '',
    ...packageTable(report),
    '',
    `## 小程序 / Mini-program (simulated phone, median of ${report.miniprogram.launches} launches)`,
    '',
    ...miniprogramTable(report),
    '',
    `## 自己的服务器 / Your own server (server/, ${report.server.logins} logins ` +
      `per path, ${report.server.verifications} verifications)`,
    '',
    ...serverTable(report),
  ];
}
