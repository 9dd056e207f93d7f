/**
 * Messages between the runtime and a function instance (a child process, over its IPC channel).
 * Types only: the child's script is bundled on its own and must not import runtime code.
 */
import type { ContextFields, EnvPatch } from './invocation-env';

/** What the child is told at start (its first command-line argument, as JSON). */
export interface InstanceSettings {
  entryFile: string;
  /** The function's memory size: V8 heap and ArrayBuffers together must stay below it. */
  memoryBytes: number;
  maxResponseBytes: number;
  maxLogLineBytes: number;
  memoryCheckIntervalMs: number;
  /** A debugger may attach: console output also goes to the inspector's console. */
  inspecting: boolean;
  /** Where the entry file's V8 code cache is kept (code-cache.ts); none: compiled afresh each time. */
  codeCacheDir?: string;
}

export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  /**
   * The event as JSON text, parsed in the child: the IPC channel's own deserializer recurses and
   * would kill the instance on a deeply nested event, while JSON.parse does not.
   */
  eventJson: string;
  env: EnvPatch;
  context: ContextFields;
}

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export type InstanceMessage =
  | { type: 'ready' }
  /** index.js is loaded and main is about to run: the execution timeout starts now. */
  | { type: 'started'; requestId: string }
  | { type: 'log'; requestId: string | null; level: LogLevel; text: string }
  | { type: 'result'; requestId: string; ok: true; json: string }
  /** main returned more than the platform carries back; nothing of it crossed to the runtime. */
  | { type: 'result'; requestId: string; ok: false; responseBytes: number }
  /** The instance holds more memory than its size allows: it must be recycled. */
  | { type: 'memory-exceeded'; usedBytes: number }
  /** loadFailed: index.js could not be loaded, so the instance is not reused. */
  | { type: 'result'; requestId: string; ok: false; error: SerializedError; loadFailed: boolean };
