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
import { INIT_TIMEOUT_MS } from './limits';
import type { InvokeMessage, LogLevel, SerializedError, WorkerData, WorkerMessage } from './worker-protocol';
import { workerSource } from './worker-source';

export type CallResult =
  | { status: 'ok'; json: string }
  | { status: 'error'; error: SerializedError; loadFailed: boolean }
  | { status: 'timeout' }
  | { status: 'crashed'; error: SerializedError };

export type LogSink = (requestId: string | null, level: LogLevel, text: string) => void;

interface PendingCall {
  requestId: string;
  timeoutMs: number;
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

  constructor(
    private readonly definition: FunctionDefinition,
    private readonly onLog: LogSink,
    /** The function's own environment variables (its configuration on the platform). */
    private readonly functionEnv: Record<string, string> = {},
  ) {}

  start(): Promise<void> {
    const workerData: WorkerData = { entryFile: this.definition.entryFile };
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
    worker.on('error', (error) => this.crash({ name: error.name, message: error.message, stack: error.stack }));
    worker.on('exit', (code) => {
      this.exited = true;
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
    if (!worker || this.exited) return Promise.resolve({ value: crashed('the instance is not running'), reusable: false });
    return new Promise((resolve) => {
      const pending: PendingCall = {
        requestId: message.requestId,
        timeoutMs: message.context.time_limit_in_ms,
        finish: (value) => {
          clearTimeout(pending.timer);
          this.pending = undefined;
          resolve({ value, reusable: value.status === 'ok' || (value.status === 'error' && !value.loadFailed) });
        },
      };
      this.pending = pending;
      pending.timer = setTimeout(() => this.timeOut(), INIT_TIMEOUT_MS);
      worker.postMessage(message);
    });
  }

  async stop(): Promise<void> {
    if (this.worker && !this.exited) await this.worker.terminate();
  }

  private onMessage(message: WorkerMessage): void {
    const pending = this.pending;
    if (message.type === 'log') return this.onLog(message.requestId ?? pending?.requestId ?? null, message.level, message.text);
    if (!pending || message.type === 'ready' || message.requestId !== pending.requestId) return;
    if (message.type === 'started') {
      clearTimeout(pending.timer);
      pending.timer = setTimeout(() => this.timeOut(), pending.timeoutMs);
      return;
    }
    pending.finish(
      message.ok ? { status: 'ok', json: message.json } : { status: 'error', error: message.error, loadFailed: message.loadFailed },
    );
  }

  private timeOut(): void {
    const pending = this.pending;
    if (!pending) return;
    pending.finish({ status: 'timeout' });
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

function crashed(message: string): CallResult {
  return { status: 'crashed', error: { name: 'Error', message } };
}
