/**
 * One function instance backed by a worker thread (its own module registry and its own copy of
 * process.env, like a platform instance). Enforces the timeouts: a call that runs over, or an
 * index.js that takes too long to load, terminates the worker. A worker that crashes or calls
 * process.exit ends only itself, never the emulator.
 */
import { Worker } from 'node:worker_threads';
import type { Readable } from 'node:stream';
import type { FunctionDefinition } from './discovery';
import type { PoolInstance, InstanceResult } from './instance-pool';
import { INIT_TIMEOUT_MS, MAX_LOG_LINE_BYTES, MAX_RESPONSE_BYTES, MEMORY_CHECK_INTERVAL_MS } from './limits';
import type { InvokeMessage, LogLevel, SerializedError, WorkerData, WorkerMessage } from './worker-protocol';
import { workerSource } from './worker-source';

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

interface PendingCall {
  requestId: string;
  timeoutMs: number;
  phase: 'init' | 'run';
  timer?: NodeJS.Timeout;
  finish(result: CallResult): void;
}

/** Variables every worker starts with; the platform does not pass the host's environment through. */
function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'NODE_ENV'];
  return Object.fromEntries(keep.flatMap((key) => (process.env[key] ? [[key, process.env[key] as string]] : [])));
}

export class WorkerInstance implements PoolInstance<InvokeMessage, CallResult> {
  private worker?: Worker;
  private pending?: PendingCall;
  private exited = false;
  private brokenListener?: () => void;

  constructor(
    private readonly definition: FunctionDefinition,
    private readonly onLog: LogSink,
    private readonly limits: InstanceLimits = { initTimeoutMs: INIT_TIMEOUT_MS, maxResponseBytes: MAX_RESPONSE_BYTES },
    /** The function's own environment variables (its configuration on the platform). */
    private readonly functionEnv: Record<string, string> = {},
  ) {}

  start(): Promise<void> {
    const workerData: WorkerData = {
      entryFile: this.definition.entryFile,
      memoryBytes: this.definition.memoryMb * 1024 * 1024,
      maxResponseBytes: this.limits.maxResponseBytes,
      maxLogLineBytes: MAX_LOG_LINE_BYTES,
      memoryCheckIntervalMs: MEMORY_CHECK_INTERVAL_MS,
    };
    const worker = new Worker(workerSource(), {
      eval: true,
      workerData,
      env: { ...baseEnv(), ...this.functionEnv },
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: this.definition.memoryMb },
    });
    this.worker = worker;
    this.pipeOutput(worker.stdout, 'log');
    this.pipeOutput(worker.stderr, 'error');
    worker.on('message', (message: WorkerMessage) => this.onMessage(message));
    worker.on('error', (error) => {
      // The V8 heap went past resourceLimits: the platform's out-of-memory, not a crash of the code.
      if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY')
        return this.pending?.finish({ status: 'memory', usedBytes: null });
      this.crash({ name: error.name, message: error.message, stack: error.stack });
    });
    worker.on('exit', (code) => {
      this.exited = true;
      if (!this.pending) return this.brokenListener?.();
      this.crash({ name: 'Error', message: `the function ended its instance (process exited with code ${code})` });
    });
    return new Promise((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('exit', () => reject(new Error('the function instance failed to start')));
    });
  }

  /** Runs one call; `timeoutMs` counts from when index.js is loaded and main starts. */
  invoke(message: InvokeMessage): Promise<InstanceResult<CallResult>> {
    const worker = this.worker;
    if (!worker || this.exited)
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
      pending.timer = setTimeout(() => this.timeOut(), this.limits.initTimeoutMs);
      worker.postMessage(message);
    });
  }

  async stop(): Promise<void> {
    if (this.worker && !this.exited) await this.worker.terminate();
  }

  onBroken(listener: () => void): void {
    this.brokenListener = listener;
  }

  private onMessage(message: WorkerMessage): void {
    const pending = this.pending;
    if (message.type === 'log')
      return this.onLog(message.requestId ?? pending?.requestId ?? null, message.level, message.text);
    if (message.type === 'memory-exceeded') return this.recycle({ status: 'memory', usedBytes: message.usedBytes });
    if (!pending || message.type === 'ready' || message.requestId !== pending.requestId) return;
    if (message.type === 'started') {
      clearTimeout(pending.timer);
      pending.phase = 'run';
      pending.timer = setTimeout(() => this.timeOut(), pending.timeoutMs);
      return;
    }
    if (message.ok) return pending.finish({ status: 'ok', json: message.json });
    if ('responseBytes' in message)
      return pending.finish({ status: 'response-too-large', responseBytes: message.responseBytes });
    pending.finish({ status: 'error', error: message.error, loadFailed: message.loadFailed });
  }

  private timeOut(): void {
    const pending = this.pending;
    if (pending) this.recycle({ status: 'timeout', phase: pending.phase });
  }

  /** Ends the call with `result` and terminates the worker: it cannot be trusted with another call. */
  private recycle(result: CallResult): void {
    this.exited = true;
    this.pending?.finish(result);
    void this.worker?.terminate();
  }

  private crash(error: SerializedError): void {
    this.pending?.finish({ status: 'crashed', error });
  }

  private pipeOutput(stream: Readable, level: LogLevel): void {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => this.onLog(this.pending?.requestId ?? null, level, chunk.replace(/\n$/, '')));
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
