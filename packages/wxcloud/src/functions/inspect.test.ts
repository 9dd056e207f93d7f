/**
 * --inspect-functions: the instance process gets --inspect on the port, the inspector is announced, one
 * instance per function, and a real debugger client (test-support/inspector-client.mjs) stops in main.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { parseCliOptions } from '../cli/options';
import { FIXTURE_PROJECT } from '../../test-support/functions';
import type { RuntimeEvent } from './invocation-log';
import { createFunctionRuntime, type FunctionRuntime } from './runtime';

const CLIENT = path.join(__dirname, '..', '..', 'test-support', 'inspector-client.mjs');

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
    expect(parseCliOptions(['--inspect-functions', '9300', '--in-memory']).options.functions).toEqual({
      inspectPort: 9300,
    });
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
    runtime = createFunctionRuntime({
      projectRoot: FIXTURE_PROJECT,
      adminUrl: 'http://127.0.0.1:9/admin',
      inspectPort: port,
    });
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
    expect(announced).toMatchObject({
      type: 'inspector',
      functionName: 'flags',
      port,
      url: expect.stringMatching(new RegExp(`^ws://127\\.0\\.0\\.1:${port}/`)),
    });
  });

  it('runs one instance per function, the next function on the next free port', async () => {
    const calls = await Promise.all([
      runtime.invoke('hold', { ms: 100 }),
      runtime.invoke('hold', { ms: 100 }),
      runtime.invoke('flags', {}),
    ]);
    expect(calls.every((call) => call.ok)).toBe(true);
    expect(runtime.instances('hold')).toHaveLength(1);
    const ports = events.flatMap((event) =>
      event.type === 'inspector' ? [`${event.functionName}:${event.port}`] : [],
    );
    expect(ports).toEqual([`flags:${port}`, `hold:${port + 1}`]);
  });

  it('says when the port is taken: the function still runs, without a debugger', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(port + 2, '127.0.0.1', resolve));
    try {
      const [held, other, third] = await Promise.all([
        runtime.invoke('hold', { ms: 300 }),
        runtime.invoke('flags', {}),
        runtime.invoke('echo', {}),
      ]);
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

describe('a debugger attached to an instance', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'wxcloud-inspect-'));
  const dir = path.join(root, 'mapped');
  let runtime: FunctionRuntime;
  let port: number;
  let debuggerUrl: string | null | undefined;

  beforeAll(async () => {
    mkdirSync(path.join(dir, 'src'), { recursive: true });
    writeFileSync(
      path.join(dir, 'src', 'index.ts'),
      'export async function main(event: { n: number }) {\n  const doubled: ' +
        'number = event.n * 2;\n  return { doubled };\n}\n',
    );
    await build({
      entryPoints: [path.join(dir, 'src', 'index.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      sourcemap: 'linked',
      logLevel: 'silent',
    });
    port = await freePort();
    runtime = createFunctionRuntime({ functionsRoot: root, adminUrl: 'http://127.0.0.1:9/admin', inspectPort: port });
    runtime.subscribe((event) => event.type === 'inspector' && (debuggerUrl = event.url));
  });
  afterAll(async () => {
    await runtime.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('stops at a breakpoint in the function, whose script names its source map', async () => {
    expect((await runtime.invoke('mapped', { n: 1 })).ok).toBe(true);
    const generated = readFileSync(path.join(dir, 'index.js'), 'utf8').split('\n');
    const line = generated.findIndex((text) => text.includes('event.n * 2'));
    const client = spawn(
      process.execPath,
      [
        '--experimental-websocket',
        '--no-warnings',
        CLIENT,
        String(debuggerUrl),
        'mapped[\\\\/]index\\.js$',
        String(line),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const lines = createInterface({ input: client.stdout as NodeJS.ReadableStream });
    const reports: Array<Record<string, unknown>> = [];
    await new Promise<void>((resolve) =>
      lines.on('line', (text) => {
        const report = JSON.parse(text) as Record<string, unknown>;
        reports.push(report);
        if ('ready' in report) resolve();
      }),
    );
    const outcome = await runtime.invoke('mapped', { n: 21 });
    await new Promise((resolve) => client.once('exit', resolve));
    expect(outcome).toMatchObject({ ok: true, result: { doubled: 42 } });
    expect(reports).toEqual(
      expect.arrayContaining([
        { script: { url: expect.stringMatching(/mapped[\\/]index\.js$/), sourceMapURL: 'index.js.map' } },
        { ready: true },
        { paused: { functionName: 'main', lineNumber: line } },
      ]),
    );
  }, 20_000);
});
