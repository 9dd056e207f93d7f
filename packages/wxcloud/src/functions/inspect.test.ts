/** --inspect-functions: the instance process gets --inspect on the port, the inspector is announced, one instance per function. */
import net from 'node:net';
import { parseCliOptions } from '../cli/options';
import { FIXTURE_PROJECT } from '../../test-support/functions';
import type { RuntimeEvent } from './invocation-log';
import { createFunctionRuntime, type FunctionRuntime } from './runtime';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

describe('--inspect-functions', () => {
  it('takes an optional port, 9229 by default, on serve and exec alike', () => {
    expect(parseCliOptions(['--inspect-functions']).options.functions).toEqual({ inspectPort: 9229 });
    expect(parseCliOptions(['--inspect-functions', '--logs']).options.functions).toEqual({ inspectPort: 9229 });
    expect(parseCliOptions(['--inspect-functions', '9300', '--in-memory']).options.functions).toEqual({ inspectPort: 9300 });
    expect(parseCliOptions(['--in-memory']).options.functions).toBeUndefined();
    expect(() => parseCliOptions(['--inspect-functions', '80'])).toThrow(/--inspect-functions/);
  });
});

describe('a runtime with an inspector port', () => {
  let runtime: FunctionRuntime;
  let port: number;
  const events: RuntimeEvent[] = [];

  beforeAll(async () => {
    port = await freePort();
    runtime = createFunctionRuntime({ projectRoot: FIXTURE_PROJECT, adminUrl: 'http://127.0.0.1:9/admin', inspectPort: port });
    runtime.subscribe((event) => events.push(event));
  });
  afterAll(() => runtime.stop());

  it('starts the instance with --inspect on that port and announces where a debugger attaches', async () => {
    const outcome = await runtime.invoke('flags', {});
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { execArgv, argv } = outcome.result as { execArgv: string[]; argv: string[] };
    expect(execArgv).toEqual(expect.arrayContaining([`--inspect=127.0.0.1:${port}`, '--enable-source-maps']));
    expect(argv).toEqual([]);
    const announced = events.find((event) => event.type === 'inspector');
    expect(announced).toMatchObject({ type: 'inspector', functionName: 'flags', port, url: expect.stringMatching(new RegExp(`^ws://127\\.0\\.0\\.1:${port}/`)) });
  });

  it('runs one instance per function, the next function on the next free port', async () => {
    const calls = await Promise.all([runtime.invoke('hold', { ms: 100 }), runtime.invoke('hold', { ms: 100 }), runtime.invoke('flags', {})]);
    expect(calls.every((call) => call.ok)).toBe(true);
    expect(runtime.instances('hold')).toHaveLength(1);
    const ports = events.flatMap((event) => (event.type === 'inspector' ? [`${event.functionName}:${event.port}`] : []));
    expect(ports).toEqual([`flags:${port}`, `hold:${port + 1}`]);
  });

  it('says when the port is taken: the function still runs, without a debugger', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(port + 2, '127.0.0.1', resolve));
    try {
      const [held, other, third] = await Promise.all([runtime.invoke('hold', { ms: 300 }), runtime.invoke('flags', {}), runtime.invoke('echo', {})]);
      expect([held.ok, other.ok, third.ok]).toEqual([true, true, true]);
      expect(events.filter((event) => event.type === 'inspector' && event.functionName === 'echo')).toEqual([
        expect.objectContaining({ port: port + 2, url: null, error: 'address already in use' }),
      ]);
    } finally {
      holder.close();
    }
  });

  it('lets a call run past its timeout while a debugger may hold it at a breakpoint', async () => {
    const slow = await runtime.invoke('slow', { mode: 'wait' });
    expect(slow).toMatchObject({ ok: true, result: 'finished too late' });
  }, 15_000);
});
