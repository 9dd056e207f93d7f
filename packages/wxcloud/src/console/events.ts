/**
 * Live updates for the page, as Server-Sent Events on `GET /console/api/events`: every function
 * invocation as it ends, a nudge when a phone renders or closes, and a reset. The hub listens to
 * the runtime and the phones only while a page is connected; phone nudges are coalesced.
 */
import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { FUNCTIONS_SERVICE, type FunctionsService } from '../functions/service';
import type { Host } from '../host/service';
import { PHONES_SERVICE, type PhonesService } from '../phone/service';
import type { ConsoleEvent } from './api-types';
import { invocationView } from './views';

/** A comment line every so often keeps idle connections (and proxies) open. */
const KEEPALIVE_MS = 15_000;
/** Phone renders within this window make one event. */
const PHONE_NUDGE_MS = 50;

export class ConsoleEventHub {
  private readonly clients = new Set<{ stream: SSEStreamingApi; done: () => void }>();
  private unsubscribe: Array<() => void> = [];
  private phoneTimer: NodeJS.Timeout | undefined;

  constructor(private readonly host: Host) {}

  /** The SSE response of one page; it lasts until the page goes or the hub closes. */
  connect(c: Context): Response {
    return streamSSE(c, async (stream) => {
      if (this.clients.size === 0) this.listen();
      await new Promise<void>((resolve) => {
        const client = {
          stream,
          done: () => {
            clearInterval(keepalive);
            if (!this.clients.delete(client)) return;
            if (this.clients.size === 0) this.quiet();
            resolve();
          },
        };
        const keepalive = setInterval(() => void stream.write(': keepalive\n\n').catch(client.done), KEEPALIVE_MS);
        this.clients.add(client);
        stream.onAbort(client.done);
        void stream.write(': connected\n\n');
      });
    });
  }

  publish(event: ConsoleEvent): void {
    for (const client of this.clients) {
      client.stream.writeSSE({ event: event.type, data: JSON.stringify(event) }).catch(() => client.done());
    }
  }

  /** Ends every stream (the emulator stops). */
  close(): void {
    for (const client of [...this.clients]) {
      client.done();
      void client.stream.close();
    }
    this.quiet();
  }

  private listen(): void {
    const runtime = this.host.service<FunctionsService>(FUNCTIONS_SERVICE)?.runtime;
    const phones = this.host.service<PhonesService>(PHONES_SERVICE);
    if (runtime) {
      this.unsubscribe.push(
        runtime.subscribe((event) => {
          if (event.type === 'invocation')
            this.publish({ type: 'invocation', invocation: invocationView(event.record) });
        }),
      );
    }
    if (phones) {
      this.unsubscribe.push(
        phones.subscribe(() => {
          this.phoneTimer ??= setTimeout(() => {
            this.phoneTimer = undefined;
            this.publish({ type: 'phones' });
          }, PHONE_NUDGE_MS);
        }),
      );
    }
  }

  private quiet(): void {
    for (const stop of this.unsubscribe) stop();
    this.unsubscribe = [];
    clearTimeout(this.phoneTimer);
    this.phoneTimer = undefined;
  }
}
