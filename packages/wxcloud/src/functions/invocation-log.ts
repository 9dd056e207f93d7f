/**
 * The runtime's log: one record per invocation (request id, function, cold or warm, duration,
 * result code and the console output of that call), kept in a ring buffer and pushed to listeners,
 * plus instance state changes. `formatInvocation` prints a record the way the platform's log does.
 */
import type { InstanceState } from './instance-pool';
import type { LogLevel } from './instance-protocol';

export interface LogLine {
  level: LogLevel;
  text: string;
  at: number;
}

export interface InvocationRecord {
  requestId: string;
  functionName: string;
  instanceId: string | null;
  /** null when no instance ran (function not found, request rejected). */
  coldStart: boolean | null;
  startedAt: number;
  durationMs: number;
  /** 0 on success, else the platform error code (-504002 thrown, -504003 timeout, -501000 not found). */
  resultCode: number;
  errorMessage?: string;
  source?: string;
  openid?: string;
  appid?: string;
  unionid?: string;
  /** The event and what main() returned, as JSON text cut to MAX_RECORDED_JSON_CHARS. */
  eventJson?: string;
  resultJson?: string;
  logs: LogLine[];
}

/** JSON text of a value, cut to `max` characters (an ellipsis marks the cut). */
export function recordedJson(value: unknown, max: number): string | undefined {
  if (value === undefined) return undefined;
  let text: string;
  try {
    text = JSON.stringify(value) ?? 'undefined';
  } catch {
    return '(嵌套太深，无法显示 / nested too deeply to show)';
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export type RuntimeEvent =
  | { type: 'invocation'; record: InvocationRecord }
  | { type: 'instance'; functionName: string; instanceId: string; from: InstanceState | null; to: InstanceState }
  /** An instance's inspector listens: a debugger may attach at `url`; null when it could not start (`error`). */
  | { type: 'inspector'; functionName: string; instanceId: string; port: number; url: string | null; error?: string };

export type RuntimeListener = (event: RuntimeEvent) => void;

export class InvocationLog {
  private readonly records: InvocationRecord[] = [];
  private readonly listeners = new Set<RuntimeListener>();

  constructor(private readonly capacity: number) {}

  /** Newest last. */
  recent(limit = this.capacity): InvocationRecord[] {
    return this.records.slice(-limit);
  }

  get(requestId: string): InvocationRecord | undefined {
    return this.records.find((record) => record.requestId === requestId);
  }

  /** Forgets every record (listeners stay). */
  clear(): void {
    this.records.length = 0;
  }

  subscribe(listener: RuntimeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  addInvocation(record: InvocationRecord): void {
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
    this.emit({ type: 'invocation', record });
  }

  emit(event: RuntimeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('[functions] log listener failed:', error);
      }
    }
  }
}

/** SCF-style lines: START, the call's output, END with duration, cold/warm and result code. */
export function formatInvocation(record: InvocationRecord): string[] {
  const start = record.coldStart === null ? '' : record.coldStart ? ' (cold start)' : ' (warm)';
  const lines = [`START ${record.functionName} RequestId: ${record.requestId}${start}`];
  for (const line of record.logs) lines.push(`  ${line.level.toUpperCase()} ${line.text}`);
  const error = record.errorMessage ? ` Error: ${record.errorMessage}` : '';
  lines.push(
    `END RequestId: ${record.requestId} ` +
      `Duration: ${Math.round(record.durationMs)}ms ` +
      `ResultCode: ${record.resultCode}${error}`,
  );
  return lines;
}

/** The event as the platform carries it, as JSON text (undefined when it cannot be, e.g. nested past V8's stack). */
export function eventJsonOf(event: unknown): string | undefined {
  try {
    return JSON.stringify(event);
  } catch {
    return undefined;
  }
}
