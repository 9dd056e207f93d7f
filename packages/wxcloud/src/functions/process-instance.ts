/**
 * One function instance backed by its own child process, as each instance is its own process on
 * the platform: its own module registry, process.env and V8 heap, the heap capped at the
 * function's memory size. Whatever the function does (runs out of memory and makes V8 abort,
 * calls process.exit, crashes, spins forever) ends only this process, never the emulator.
 * Enforces the timeouts: a call that runs over, or an index.js that takes too long to load, kills
 * the process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Readable } from 'node:stream';
import { childScript } from './child-script';
import type { FunctionDefinition } from './discovery';
import type { InstanceMessage, InstanceSettings, InvokeMessage, LogLevel, SerializedError } from './instance-protocol';
import type { InstanceResult, PoolInstance } from './instance-pool';
import { INIT_TIMEOUT_MS, MAX_LOG_LINE_BYTES, MAX_RESPONSE_BYTES, MEMORY_CHECK_INTERVAL_MS } from './limits';

export type CallResult =
  | { status: 'ok'; json: string }
  | { status: 'error'; error: SerializedError; loadFailed: boolean }
  /** `phase` says which clock ran out: loading index.js (the init timeout) or main (the function's). */
  | { status: 'timeout'; phase: 'init' | 'run' }
  | { status: 'crashed'; error: SerializedError }
  /** The instance went past its memory size (V8 heap or Buffers) and was recycled. */
  | { status: 'memory'; usedBytes: number | null }
  /** main's result was larger than the platform carries back. */
  | { status: 'response-too-large'; responseBytes: number };

/** What an instance is allowed (the runtime passes the platform's limits; tests pass small ones). */
export interface InstanceLimits {
  initTimeoutMs: number;
  maxResponseBytes: number;
}

export type LogSink = (requestId: string | null, level: LogLevel, text: string) => void;

/**
 * A debugger may attach to the instance on `port`: `onListening` gets the inspector's WebSocket URL,
 * or `onUnavailable` Node's reason (a busy port: Node then runs the function without an inspector).
 */
export interface InstanceInspector {
  port: number;
  onListening(url: string): void;
  onUnavailable(reason: string): void;
}

export interface ProcessInstanceOptions {
  definition: FunctionDefinition;
  onLog: LogSink;
  limits?: InstanceLimits;
  /** The function's own environment variables (its configuration on the platform). */
  functionEnv?: Record<string, string>;
  inspector?: InstanceInspector;
  /** Where the entry file's code cache is kept; null: none. */
  codeCacheDir?: string | null;
}

interface PendingCall {
  requestId: string;
  timeoutMs: number;
  phase: 'init' | 'run';
  timer?: NodeJS.Timeout;
  finish(result: CallResult): void;
}

/** How long to wait for the rest of a dead process's stderr (V8's last words) after it exited. */
const STDIO_GRACE_MS = 300;
/** What V8 prints before it aborts a process whose heap is full. */
const HEAP_EXHAUSTED = /heap out of memory|Reached heap limit|Allocation failed/;
const INSPECTOR_LISTENING = /Debugger listening on (ws:\/\/\S+)/;
const INSPECTOR_FAILED = /Starting inspector on \S+ failed: ([^\n]+)/;

/** Variables every instance starts with; the platform does not pass the host's environment through. */
function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'NODE_ENV', 'SystemRoot', 'TEMP', 'TMP', 'USERPROFILE'];
  return Object.fromEntries(keep.flatMap((key) => (process.env[key] ? [[key, process.env[key] as string]] : [])));
}

export class ProcessInstance implements PoolInstance<InvokeMessage, CallResult> {
  private child?: ChildProcess;
  private pending?: PendingCall;
  private exited = false;
  private heapExhausted = false;
  private brokenListener?: () => void;
  private readonly limits: InstanceLimits;

  constructor(private readonly options: ProcessInstanceOptions) {
    this.limits = options.limits ?? { initTimeoutMs: INIT_TIMEOUT_MS, maxResponseBytes: MAX_RESPONSE_BYTES };
  }

  /** Node's flags for the instance: the heap capped at the memory size, and the inspector when asked. */
  execArgv(): string[] {
    const { definition, inspector } = this.options;
    const flags = [`--max-old-space-size=${definition.memoryMb}`];
    if (inspector) flags.push(`--inspect=127.0.0.1:${inspector.port}`, '--enable-source-maps');
    return flags;
  }

  start(): Promise<void> {
    const { definition, functionEnv } = this.options;
    const settings: InstanceSettings = {
      entryFile: definition.entryFile,
      memoryBytes: definition.memoryMb * 1024 * 1024,
      maxResponseBytes: this.limits.maxResponseBytes,
      maxLogLineBytes: MAX_LOG_LINE_BYTES,
      memoryCheckIntervalMs: MEMORY_CHECK_INTERVAL_MS,
      inspecting: this.options.inspector !== undefined,
      // A debugger sees the function compiled from its source, as without the emulator.
      ...(this.options.inspector || !this.options.codeCacheDir ? {} : { codeCacheDir: this.options.codeCacheDir }),
    };
    const child = fork(childScript(), [JSON.stringify(settings)], {
      cwd: definition.dir,
      env: { ...baseEnv(), ...functionEnv },
      execArgv: this.execArgv(),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.child = child;
    this.pipeOutput(child.stdout, 'log');
    this.pipeOutput(child.stderr, 'error');
    child.on('message', (message: InstanceMessage) => this.onMessage(message));
    child.on('error', (error) => this.crash({ name: error.name, message: error.message, stack: error.stack }));
    child.once('exit', (code, signal) => this.onExit(code, signal));
    return new Promise((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('error', reject);
      child.once('exit', () => reject(new Error('the function instance failed to start')));
    });
  }

  /** Runs one call; `timeoutMs` counts from when index.js is loaded and main starts. */
  invoke(message: InvokeMessage): Promise<InstanceResult<CallResult>> {
    const child = this.child;
    if (!child || this.exited)
      return Promise.resolve({ value: crashed('the instance is not running'), reusable: false });
    return new Promise((resolve) => {
      const pending: PendingCall = {
        requestId: message.requestId,
        timeoutMs: message.context.time_limit_in_ms,
        phase: 'init',
        finish: (value) => {
          clearTimeout(pending.timer);
          this.pending = undefined;
          resolve({ value, reusable: isReusable(value) });
        },
      };
      this.pending = pending;
      this.startClock(this.limits.initTimeoutMs);
      child.send(
        message,
        (error) =>
          error && this.crash({ name: error.name, message: `the call could not reach its instance: ${error.message}` }),
      );
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }

  onBroken(listener: () => void): void {
    this.brokenListener = listener;
  }

  private onMessage(message: InstanceMessage): void {
    const pending = this.pending;
    if (message.type === 'log')
      return this.options.onLog(message.requestId ?? pending?.requestId ?? null, message.level, message.text);
    if (message.type === 'memory-exceeded') return this.recycle({ status: 'memory', usedBytes: message.usedBytes });
    if (!pending || message.type === 'ready' || message.requestId !== pending.requestId) return;
    if (message.type === 'started') {
      pending.phase = 'run';
      return this.startClock(pending.timeoutMs);
    }
    if (message.ok) return pending.finish({ status: 'ok', json: message.json });
    if ('responseBytes' in message)
      return pending.finish({ status: 'response-too-large', responseBytes: message.responseBytes });
    pending.finish({ status: 'error', error: message.error, loadFailed: message.loadFailed });
  }

  /** Restarts the pending call's clock. A debugger may hold the process at a breakpoint: no clock then. */
  private startClock(ms: number): void {
    const pending = this.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    if (!this.options.inspector) pending.timer = setTimeout(() => this.timeOut(), ms);
  }

  /** The process ended: the call in flight fails (out of memory if V8 said so); idle, the pool hears of it. */
  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = true;
    if (!this.pending) return this.brokenListener?.();
    const report = () => {
      if (this.heapExhausted) return this.pending?.finish({ status: 'memory', usedBytes: null });
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      this.crash({ name: 'Error', message: `the function ended its instance (process ${how})` });
    };
    // V8's "heap out of memory" may still be in the stderr pipe when the exit is reported.
    const stderr = this.child?.stderr;
    if (!stderr || stderr.closed) return report();
    const grace = setTimeout(report, STDIO_GRACE_MS);
    stderr.once('close', () => (clearTimeout(grace), report()));
  }

  private timeOut(): void {
    const pending = this.pending;
    if (pending) this.recycle({ status: 'timeout', phase: pending.phase });
  }

  /** Ends the call with `result` and kills the process: it cannot be trusted with another call. */
  private recycle(result: CallResult): void {
    this.exited = true;
    this.pending?.finish(result);
    this.child?.kill('SIGKILL');
  }

  private crash(error: SerializedError): void {
    this.pending?.finish({ status: 'crashed', error });
  }

  private pipeOutput(stream: Readable | null, level: LogLevel): void {
    if (!stream) return;
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      if (level === 'error') this.watchStderr(chunk);
      this.options.onLog(this.pending?.requestId ?? null, level, chunk.replace(/\n$/, ''));
    });
  }

  private watchStderr(chunk: string): void {
    if (HEAP_EXHAUSTED.test(chunk)) this.heapExhausted = true;
    const listening = INSPECTOR_LISTENING.exec(chunk);
    if (listening?.[1]) this.options.inspector?.onListening(listening[1]);
    const failed = INSPECTOR_FAILED.exec(chunk);
    if (failed?.[1]) this.options.inspector?.onUnavailable(failed[1]);
  }
}

function isReusable(value: CallResult): boolean {
  return (
    value.status === 'ok' || value.status === 'response-too-large' || (value.status === 'error' && !value.loadFailed)
  );
}

function crashed(message: string): CallResult {
  return { status: 'crashed', error: { name: 'Error', message } };
}
