/**
 * Runs as one function instance (a child process of the emulator, as each instance is its own
 * process on the platform): loads index.js on the first call (a cold start, so module-level logs
 * belong to that call), then for each call applies the caller's environment, calls
 * `exports.main(event, context[, callback])` and reports the result over the IPC channel.
 * Console output is captured and tagged with the request id. Bundled by child-script.ts.
 */
import inspector from 'node:inspector';
import { format } from 'node:util';
import type { ContextFields, EnvPatch } from './invocation-env';
import type { InstanceMessage, InstanceSettings, InvokeMessage, LogLevel, SerializedError } from './instance-protocol';
import { routeLegacyHosts } from './legacy-hosts';
import { requireWithCodeCache } from './code-cache';

type Handler = (event: unknown, context: Record<string, unknown>, callback: Callback) => unknown;
type Callback = (error: unknown, value?: unknown) => void;

if (!process.send) throw new Error('function.child must run as a child process with an IPC channel');
const limits = JSON.parse(process.argv[2] ?? '{}') as InstanceSettings;
routeLegacyHosts();
const { entryFile } = limits;
// The function sees the argv of a plain `node index.js`, not the emulator's settings.
process.argv.splice(2);
let currentRequestId: string | null = null;
let handler: Handler | undefined;

function send(message: InstanceMessage): void {
  // The runtime may have gone (emulator stopped): nothing to report to.
  if (process.connected) process.send?.(message);
}

const levels: LogLevel[] = ['log', 'info', 'warn', 'error', 'debug'];
for (const level of levels) {
  const toDebugger = limits.inspecting ? inspector.console[level].bind(inspector.console) : undefined;
  console[level] = (...args: unknown[]) => {
    toDebugger?.(...args);
    send({ type: 'log', requestId: currentRequestId, level, text: cut(format(...args)) });
  };
}

/** A console line as it may cross to the runtime: at most maxLogLineBytes, cut with a note. */
function cut(text: string): string {
  const bytes = Buffer.byteLength(text);
  if (bytes <= limits.maxLogLineBytes) return text;
  const head = text.slice(0, limits.maxLogLineBytes);
  const kept = Buffer.from(head)
    .subarray(0, limits.maxLogLineBytes)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return `${kept}... [log line cut: ${bytes} bytes]`;
}

/**
 * Buffers and typed arrays live outside the V8 heap that --max-old-space-size bounds: measure them with
 * the heap, between turns of the event loop, and ask to be recycled once over the memory size.
 */
function watchMemory(): void {
  const check = () => {
    const usage = process.memoryUsage();
    const used = usage.heapUsed + usage.arrayBuffers;
    if (used > limits.memoryBytes) send({ type: 'memory-exceeded', usedBytes: used });
  };
  setInterval(check, limits.memoryCheckIntervalMs).unref();
}

function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  const message = typeof error === 'string' ? error : safeJson(error);
  return { name: 'Error', message };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function loadHandler(): Handler {
  if (handler) return handler;
  const loaded = limits.codeCacheDir
    ? requireWithCodeCache(entryFile, limits.codeCacheDir).exports
    : // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require(entryFile) as unknown);
  const main = (loaded as { main?: unknown } | null)?.main;
  if (typeof main !== 'function') throw new TypeError(`${entryFile} does not export a main function`);
  handler = main as Handler;
  return handler;
}

function applyEnv(patch: EnvPatch): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete process.env[key];
    else process.env[key] = value;
  }
}

/** Supports both `async main()` and callback style `main(event, context, callback)`, as SCF does. */
function callHandler(main: Handler, event: unknown, fields: ContextFields): Promise<unknown> {
  const deadline = Date.now() + fields.time_limit_in_ms;
  return new Promise((resolve, reject) => {
    const callback: Callback = (error, value) => (error ? reject(error) : resolve(value));
    const context = {
      ...fields,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: callback,
      succeed: (value: unknown) => resolve(value),
      fail: (error: unknown) => reject(error),
    };
    const returned = main(event, context, callback);
    if (
      returned !== null &&
      typeof returned === 'object' &&
      typeof (returned as Promise<unknown>).then === 'function'
    ) {
      (returned as Promise<unknown>).then(resolve, reject);
    } else if (main.length < 3) {
      resolve(returned);
    }
  });
}

async function invoke(message: InvokeMessage): Promise<void> {
  currentRequestId = message.requestId;
  applyEnv(message.env);
  try {
    const main = loadHandler();
    send({ type: 'started', requestId: message.requestId });
    const result = await callHandler(main, JSON.parse(message.eventJson) as unknown, message.context);
    const json = JSON.stringify(result ?? null) ?? 'null';
    const responseBytes = Buffer.byteLength(json);
    if (responseBytes > limits.maxResponseBytes)
      send({ type: 'result', requestId: message.requestId, ok: false, responseBytes });
    else send({ type: 'result', requestId: message.requestId, ok: true, json });
  } catch (error) {
    send({
      type: 'result',
      requestId: message.requestId,
      ok: false,
      error: serializeError(error),
      loadFailed: !handler,
    });
  } finally {
    currentRequestId = null;
  }
}

process.on('message', (message: InvokeMessage) => {
  if (message.type === 'invoke') void invoke(message);
});
// The emulator stopped or died: an instance never outlives its runtime.
process.on('disconnect', () => process.exit(0));
watchMemory();
send({ type: 'ready' });
