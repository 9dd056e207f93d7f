/**
 * Messages between the runtime (main thread) and a function instance (worker thread).
 * Types only: the worker is bundled on its own and must not import runtime code.
 */
import type { ContextFields, EnvPatch } from './invocation-env';

export interface WorkerData {
  entryFile: string;
  /** The function's memory size: V8 heap and ArrayBuffers together must stay below it. */
  memoryBytes: number;
  maxResponseBytes: number;
  maxLogLineBytes: number;
  memoryCheckIntervalMs: number;
}

export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  event: unknown;
  env: EnvPatch;
  context: ContextFields;
}

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export type WorkerMessage =
  | { type: 'ready' }
  /** index.js is loaded and main is about to run: the execution timeout starts now. */
  | { type: 'started'; requestId: string }
  | { type: 'log'; requestId: string | null; level: LogLevel; text: string }
  | { type: 'result'; requestId: string; ok: true; json: string }
  /** main returned more than the platform carries back; nothing of it crossed the thread. */
  | { type: 'result'; requestId: string; ok: false; responseBytes: number }
  /** The instance holds more memory than its size allows: it must be recycled. */
  | { type: 'memory-exceeded'; usedBytes: number }
  /** loadFailed: index.js could not be loaded, so the instance is not reused. */
  | { type: 'result'; requestId: string; ok: false; error: SerializedError; loadFailed: boolean };
