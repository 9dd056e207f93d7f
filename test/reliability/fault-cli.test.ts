/**
 * Fault injection from the CLI, as a developer would use it: `npm run emulator -- --fault ...`
 * parses into the same rules the API takes, and a spawned CLI with a fault on the login's update
 * makes the login answer UNAVAILABLE for a returning user (after its own retries) while a new
 * user still gets in; a bad --fault spec stops the CLI with a readable message.
 */
import { parseCliOptions } from '../../packages/wxcloud/src/cli';
import { spawnScript, WXCLOUD_BIN } from '../helpers/spawn-script';
import { callLogin, userNamed } from './helpers/logins';

test('--fault specs parse into fault rules, several at once', () => {
  const { options } = parseCliOptions([
    '--in-memory',
    '--fault',
    'kind=reset,actions=database.modifyAndReturnDoc,rate=0.3,when=after',
    '--fault',
    'kind=error,status=502,rate=1',
    '--fault',
    'kind=latency,ms=250,actions=database.insertDocument+database.getDocument',
  ]);
  expect(options.faults).toEqual([
    { kind: 'reset', actions: ['database.modifyAndReturnDoc'], rate: 0.3, when: 'after', latencyMs: 1000, status: 503 },
    { kind: 'error', rate: 1, when: 'before', latencyMs: 1000, status: 502 },
    {
      kind: 'latency',
      actions: ['database.insertDocument', 'database.getDocument'],
      rate: 1,
      when: 'before',
      latencyMs: 250,
      status: 503,
    },
  ]);
  expect(() => parseCliOptions(['--fault', 'kind=explode'])).toThrow(/bad fault "kind=explode"/);
  expect(() => parseCliOptions(['--fault', 'kind=reset,rate=2'])).toThrow(/rate/);
});

test('a CLI started with --fault injects it into the functions it serves', async () => {
  const cli = spawnScript(WXCLOUD_BIN, [
    '--in-memory',
    '--collection',
    'users',
    '--fault',
    'kind=error,status=503,actions=database.modifyAndReturnDoc,rate=1',
  ]);
  try {
    const baseUrl = await cli.ready;
    // Every login starts with that update, so even a new user's first login meets the fault.
    const answer = await callLogin(baseUrl, userNamed('cli-fault'));
    expect(answer).toMatchObject({
      kind: 'result',
      result: { ok: false, error: { code: 'UNAVAILABLE', retryable: true } },
    });
  } finally {
    cli.child.kill('SIGTERM');
    await cli.exited;
  }
  expect(cli.output()).toMatch(/emulator stopped \(SIGTERM\)/);
}, 30_000);

test('a bad --fault stops the CLI with exit code 2 and the usage', async () => {
  const cli = spawnScript(WXCLOUD_BIN, ['--in-memory', '--fault', 'kind=reset,when=during']);
  expect(await cli.exited).toBe(2);
  expect(cli.output()).toMatch(/bad fault .*when/);
  expect(cli.output()).toMatch(/--fault SPEC/);
  void cli.ready.catch(() => undefined);
});
