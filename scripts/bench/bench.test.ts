/**
 * Smoke test of `npm run bench -- --quick --json` as a child process, the way it is run: stdout
 * must be one JSON object with every figure (checked by the report's schema), stderr the progress.
 * Checks what the run counts (requests, documents), never how fast anything was.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { BenchReportSchema, CONCURRENCY_KEYS, IMPLEMENTATIONS, LOGIN_KINDS, type BenchReport } from './report';
import { benchPhases } from './run-bench';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const TSX_CLI = path.join(PROJECT_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

let report: BenchReport;
let stderr: string;

beforeAll(async () => {
  const run = await promisify(execFile)(process.execPath, [TSX_CLI, 'scripts/bench.ts', '--quick', '--json'], {
    cwd: PROJECT_ROOT,
    timeout: 90_000,
    maxBuffer: 10 * 1024 * 1024,
  });
  stderr = run.stderr;
  report = BenchReportSchema.parse(JSON.parse(run.stdout)); // the whole of stdout is the one object
}, 100_000);

describe('npm run bench -- --quick --json', () => {
  it('reports a quick run on this machine', () => {
    expect(report.mode).toBe('quick');
    expect(report.machine.node).toBe(process.version);
    expect(report.machine.cores).toBeGreaterThan(0);
  });

  it('counts one database request for a returning login of ours, two for the template and for our first', () => {
    expect(report.dbRequestsPerLogin.returning).toBe(1);
    expect(report.dbActionsPerLogin.ours.returning).toEqual({ modifyAndReturnDoc: 1 });
    expect(report.dbRequestsPerLogin.baseline.returning).toBe(2);
    expect(report.dbActionsPerLogin.baseline.returning).toEqual({ getDocument: 1, modifyDocument: 1 });
    // A first launch's device stores no user, so the login inserts first; it also links the person's account
    // (docs/accounts.md): the identity's link is inserted beside the user, in the same round trip.
    expect(report.dbRequestsPerLogin.first).toBe(2);
    expect(report.dbActionsPerLogin.ours.first).toEqual({ insertDocument: 2 });
    expect(report.dbRequestsPerLogin.baseline.first).toBe(2);
  });

  it('leaves exactly one document after concurrent first logins of ours, at least one for the template', () => {
    expect(report.duplicatesUnderConcurrency.ours).toBe(1);
    expect(report.duplicatesUnderConcurrency.failedLogins.ours).toBe(0); // every concurrent first login succeeds
    expect(report.duplicatesUnderConcurrency.baseline).toBeGreaterThanOrEqual(1);
    expect(report.duplicatesUnderConcurrency.baseline).toBeLessThanOrEqual(report.duplicatesUnderConcurrency.logins);
  });

  it('has a latency summary and a throughput for every case', () => {
    for (const implementation of IMPLEMENTATIONS) {
      for (const kind of LOGIN_KINDS) {
        for (const key of CONCURRENCY_KEYS) {
          const { p50, p99 } = report.latencyMs[implementation][kind][key];
          expect(p99).toBeGreaterThanOrEqual(p50);
          expect(report.throughputPerSec[implementation][kind][key]).toBeGreaterThan(0);
        }
      }
    }
  });

  it('weighs the unbundled package as more than the bundle, and shows the mini-program calling login once', () => {
    expect(report.packageBytes.unbundled).toBeGreaterThan(report.packageBytes.bundled);
    expect(report.packageFiles.bundled).toBe(2);
    expect(report.scaleP50Ms.users.large).toBeGreaterThan(report.scaleP50Ms.users.small);
    expect(report.miniprogram.firstLaunch.calls).toBe(1);
    expect(report.miniprogram.warmLaunch.calls).toBeGreaterThanOrEqual(0);
  });

  it('verifies access tokens with no database request, and times both login paths', () => {
    expect(report.server.dbRequestsPerVerify).toBe(0);
    expect(report.server.verifyPerSec).toBeGreaterThan(0);
    expect(report.server.loginMs.code2Session.p99).toBeGreaterThanOrEqual(report.server.loginMs.code2Session.p50);
    expect(report.server.loginMs.cloudFunction.p99).toBeGreaterThanOrEqual(report.server.loginMs.cloudFunction.p50);
  });

  it('shows its progress on stderr, every phase', () => {
    expect(stderr).toContain(`[${benchPhases()}/${benchPhases()}]`);
  });
});
