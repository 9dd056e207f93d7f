/**
 * The output of invocations while they run: each in-flight request id has its lines, kept up to
 * MAX_INVOCATION_LOG_BYTES and then one note, so a chatty function cannot fill the host's memory.
 */
import type { LogLine } from './invocation-log';
import * as limits from './limits';
import type { LogLevel } from './worker-protocol';

export class LiveLogs {
  private readonly open = new Map<string, { lines: LogLine[]; bytes: number }>();

  /** Starts collecting the output of `requestId` into a new list, returned. */
  begin(requestId: string): LogLine[] {
    const lines: LogLine[] = [];
    this.open.set(requestId, { lines, bytes: 0 });
    return lines;
  }

  end(requestId: string): void {
    this.open.delete(requestId);
  }

  /** A line of an invocation's output; lines of a request that is not running are dropped. */
  readonly append = (requestId: string | null, level: LogLevel, text: string): void => {
    const entry = requestId ? this.open.get(requestId) : undefined;
    if (!entry || entry.bytes > limits.MAX_INVOCATION_LOG_BYTES) return;
    entry.bytes += Buffer.byteLength(text);
    if (entry.bytes <= limits.MAX_INVOCATION_LOG_BYTES) entry.lines.push({ level, text, at: Date.now() });
    else
      entry.lines.push({
        level: 'warn',
        text: `[further output of this invocation dropped: more than ${limits.MAX_INVOCATION_LOG_BYTES} bytes]`,
        at: Date.now(),
      });
  };
}
