/**
 * Mini-program codes, URL schemes and URL links as an emulated service: its capabilities
 * (capabilities.ts) are served on both wires by the openapi service; `POST /wechat/open-url`
 * `{ url }` says what opening a scheme, link or code starts (the simulated phone's `openUrl`).
 */
import { z } from 'zod';
import type { EmulatorService, ServiceFactory } from '../host/service';
import { readPages } from '../phone/compile';
import { codeCapabilities } from './capabilities';
import { Links } from './links';

export const CODES_SERVICE = 'codes';

export interface CodesServiceOptions {
  /** The mini-program whose app.json lists the pages codes and links may open. */
  miniprogramRoot?: string;
  now?: () => number;
}

const OpenUrlRequest = z.strictObject({ url: z.string().min(1).max(2048) });

export function codesService(options: CodesServiceOptions = {}): ServiceFactory<EmulatorService> {
  return () => {
    const now = options.now ?? Date.now;
    const links = new Links(now);
    const pages = () => {
      try {
        return options.miniprogramRoot ? readPages(options.miniprogramRoot) : [];
      } catch {
        return [];
      }
    };
    return {
      name: CODES_SERVICE,
      openApis: codeCapabilities({ links, pages, now }),
      routes: (app) =>
        app.post('/wechat/open-url', async (c) => {
          const parsed = OpenUrlRequest.safeParse(await c.req.json().catch(() => undefined));
          if (!parsed.success) return c.json({ errMsg: 'openUrl:fail the body must be { url }' }, 400);
          const opened = links.open(parsed.data.url);
          return opened.ok ? c.json(opened.opened) : c.json({ errMsg: `openUrl:fail ${opened.reason}` }, 404);
        }),
      reset: () => links.clear(),
    };
  };
}
