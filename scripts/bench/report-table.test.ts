import { displayWidth } from './text-table';
import { formatBytes, formatNumber, formatReport } from './report-table';
import { BenchReportSchema, type BenchReport } from './report';

const latency = (p50: number) => ({ p50, p99: p50 * 3 });
const byConcurrency = <T>(make: (concurrency: number) => T) => ({ c1: make(1), c16: make(16), c64: make(64) });

/** A report with figures chosen so each can be found in the text. */
const report: BenchReport = BenchReportSchema.parse({
  mode: 'full',
  machine: { cpu: 'Test CPU @ 1.00GHz', cores: 2, node: 'v20.0.0', platform: 'linux x64', memoryGb: 8 },
  settings: {
    concurrency: { c1: 1, c16: 16, c64: 64 },
    loginsPerCase: { c1: 10, c16: 20, c64: 40 },
    maxInstancesPerFunction: 64,
    backgroundUsers: 1000,
    coldStartSamples: 5,
    scaleSamples: 10,
  },
  dbRequestsPerLogin: { returning: 1, first: 2, baseline: { returning: 2, first: 2 } },
  dbActionsPerLogin: {
    ours: { returning: { modifyAndReturnDoc: 1 }, first: { modifyAndReturnDoc: 1, insertDocument: 1 } },
    baseline: { returning: { getDocument: 1, modifyDocument: 1 }, first: { getDocument: 1, insertDocument: 1 } },
  },
  duplicatesUnderConcurrency: {
    logins: 100,
    ours: 1,
    baseline: 37,
    failedLogins: { ours: 0, baseline: 4 },
    firstFailure: { baseline: 'boom' },
  },
  latencyMs: {
    ours: { returning: byConcurrency((c) => latency(c + 0.5)), first: byConcurrency((c) => latency(c + 1)) },
    baseline: { returning: byConcurrency((c) => latency(2 * c + 1)), first: byConcurrency((c) => latency(2 * c + 2)) },
  },
  throughputPerSec: {
    ours: { returning: byConcurrency((c) => 1000 + c), first: byConcurrency((c) => 900 + c) },
    baseline: { returning: byConcurrency((c) => 500 + c), first: byConcurrency((c) => 400 + c) },
  },
  scaleRatio100kTo1k: { ours: 1.02, baseline: 48.5 },
  scaleP50Ms: {
    users: { small: 1000, large: 100_000 },
    ours: { small: 5, large: 5.1 },
    baseline: { small: 6, large: 291 },
  },
  coldStartMs: { bundled: 450.4, unbundled: 612.9 },
  packageBytes: { bundled: 67_180, unbundled: 6_176_939 },
  packageFiles: { bundled: 2, unbundled: 854 },
  miniprogram: { launches: 5, firstLaunch: { calls: 1, msToUser: 12.5 }, warmLaunch: { calls: 1, msToUser: 1.25 } },
  server: {
    logins: 200,
    loginMs: { code2Session: { p50: 9.5, p99: 20.25 }, cloudFunction: { p50: 7.75, p99: 15.5 } },
    verifications: 20000,
    verifyPerSec: 41234,
    dbRequestsPerVerify: 0,
  },
  durationSec: 150.2,
});

const text = formatReport(report);
const rowOf = (start: string) => {
  const row = text.find((line) => line.startsWith(`| ${start}`));
  if (!row) throw new Error(`no row starting with ${start}`);
  return row
    .split('|')
    .map((cell) => cell.trim())
    .filter((cell) => cell !== '');
};

describe('formatReport', () => {
  it('names the machine and the run', () => {
    expect(text[0]).toContain('full run, 150.2 s');
    expect(text).toContain('机器 / Machine: Test CPU @ 1.00GHz, 2 cores, 8 GB, Node v20.0.0, linux x64');
  });

  it('shows the requests per login with the actions behind them', () => {
    const row = text.find((line) => line.includes('(modifyAndReturnDoc)')) ?? '';
    expect(
      row
        .split('|')
        .map((cell) => cell.trim())
        .filter(Boolean),
    ).toEqual(['老用户 returning', '1 (modifyAndReturnDoc)', '2 (getDocument + modifyDocument)']);
  });

  it('shows each latency case side by side with the p50 ratio', () => {
    const lines = text.filter((line) => line.startsWith('| 新用户 first'));
    expect(lines).toHaveLength(4); // three latency rows and one requests row
    const c16 = lines.map((line) => line.split('|').map((cell) => cell.trim())).find((cells) => cells[2] === '16');
    expect(c16?.slice(1, -1)).toEqual(['新用户 first', '16', '17', '51', '916', '34', '102', '416', '2×']);
  });

  it('shows duplicates, scale, cold start, package sizes and the mini-program', () => {
    expect(rowOf('同一用户 100 个并发首次登录')).toEqual(expect.arrayContaining(['1', '37']));
    expect(rowOf('其中失败的登录')).toEqual(expect.arrayContaining(['0', '4']));
    expect(text).toContain('- baseline 首个失败 / first failure: boom');
    expect(rowOf('比值 / ratio 100,000 ÷ 1,000')).toEqual(expect.arrayContaining(['1.02×', '48.5×']));
    expect(rowOf('冷启动中位数')).toEqual(expect.arrayContaining(['450.4', '612.9']));
    expect(rowOf('冷启动比值')).toEqual(expect.arrayContaining(['0.73×', '1×']));
    expect(rowOf('部署包')).toEqual(expect.arrayContaining(['65.6 KB, 2 files', '5.9 MB, 854 files']));
    expect(rowOf('热启动')).toEqual(expect.arrayContaining(['1', '1.25']));
  });

  it('shows the own server: both login paths and the cost of verifying a token', () => {
    expect(rowOf('code2Session')).toEqual(expect.arrayContaining(['9.5 / 20.25']));
    expect(rowOf('云函数 / cloud function login')).toEqual(expect.arrayContaining(['7.75 / 15.5']));
    expect(rowOf('每秒校验次数')).toEqual(expect.arrayContaining(['41,234']));
    expect(rowOf('每次校验的数据库请求')).toEqual(expect.arrayContaining(['0']));
  });

  it('keeps every table aligned', () => {
    const tables: string[][] = [];
    for (const line of text) {
      if (!line.startsWith('|')) continue;
      const previous = tables.at(-1);
      const last = previous?.at(-1);
      if (previous && last !== undefined && text.indexOf(line) === text.indexOf(last) + 1) previous.push(line);
      else tables.push([line]);
    }
    expect(tables).toHaveLength(7);
    for (const table of tables) expect(new Set(table.map(displayWidth)).size).toBe(1);
  });
});

describe('number formats', () => {
  it('formats bytes in B, KB and MB', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });

  it('separates thousands and caps decimals', () => {
    expect(formatNumber(100_000, 0)).toBe('100,000');
    expect(formatNumber(1.23456, 2)).toBe('1.23');
  });
});
