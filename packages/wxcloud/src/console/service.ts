/**
 * The web console as an emulated service: `GET /` serves the page (Chinese first, English
 * alongside), `/console/assets/` its script, `/console/api/` the typed API (api-types.ts) and
 * `/console/api/events` live updates. It keeps no state: everything it shows comes from the other
 * services through the Host, and every edit goes through their own actions.
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { EmulatorService, ServiceFactory } from '../host/service';
import { MAX_REQUEST_BODY_BYTES } from '../limits';
import { appApi, overview } from './app-api';
import { consoleScript, consoleStyles } from './assets';
import { databaseApi } from './database-api';
import { ConsoleApiError, errorResponse } from './errors';
import { ConsoleEventHub } from './events';
import { AVATAR_BODY_BYTES, phonesApi } from './phones-api';
import { renderPage } from './page';

export const CONSOLE_SERVICE = 'console';
export const CONSOLE_SCRIPT_PATH = '/console/assets/console.js';
export const FAVICON_PATH = '/console/assets/favicon.svg';
/** A green cloud, the page's icon. */
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<rect width="32" height="32" rx="7" fill="#07c160"/>' +
  '<path d="M10 23a5 5 0 0 1-.6-9.96A7 7 0 0 1 23 12.5a5.25 5.25 0 0 1-.25 10.5z" fill="#fff"/>' +
  '</svg>';

/**
 * Bundles the page's script now rather than on the first visit (the CLI and `npm start` call it
 * once the emulator is ready, so the first page load does not wait for esbuild; tests do not).
 */
export function prepareConsole(): void {
  consoleScript().catch((error: unknown) => console.error('[console] the page script failed to build:', error));
}

/**
 * The guard already refuses a foreign Origin; browsers also say where a request came from in
 * Sec-Fetch-Site, sent with GETs too (where Origin is not) and "cross-site" from a sandboxed
 * document on this very origin. Tools without the header (curl, tests) are not browsers.
 */
const fromOwnPage: MiddlewareHandler = async (c, next) => {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return errorResponse(
      c,
      new ConsoleApiError('FORBIDDEN', `the console API answers its own page only (Sec-Fetch-Site: ${site})`),
    );
  }
  return next();
};

export function consoleService(): ServiceFactory {
  return (host): EmulatorService => {
    const hub = new ConsoleEventHub(host);
    return {
      name: CONSOLE_SERVICE,
      // Import files and a phone's avatar picture are the console's large bodies; the rest are held to 1 MB.
      bodyLimits: { '/console/api/phones/': AVATAR_BODY_BYTES, '/console/api/database/import': MAX_REQUEST_BODY_BYTES },
      routes(app) {
        app.get('/', async (c) => {
          const { hash } = await consoleScript();
          c.header('cache-control', 'no-store');
          c.header('content-security-policy', "frame-ancestors 'none'");
          return c.html(renderPage(overview(host), consoleStyles(), `${CONSOLE_SCRIPT_PATH}?v=${hash}`));
        });
        // Browsers ask for /favicon.ico whatever the page says: the cloud icon, rather than a 404.
        const icon = (c: Context) =>
          c.body(FAVICON_SVG, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'max-age=86400' });
        app.get('/favicon.ico', icon);
        app.get(FAVICON_PATH, icon);
        app.get(CONSOLE_SCRIPT_PATH, async (c) => {
          const { code } = await consoleScript();
          return c.body(code, 200, {
            'content-type': 'text/javascript; charset=utf-8',
            'cache-control': 'max-age=31536000, immutable',
          });
        });
        const api = new Hono();
        api.use('*', fromOwnPage);
        api.route('/', databaseApi(host));
        api.route('/', phonesApi(host));
        api.route(
          '/',
          appApi(host, () => hub.publish({ type: 'reset' })),
        );
        api.get('/events', (c) => hub.connect(c));
        app.route('/console/api', api);
      },
      stop: () => hub.close(),
    };
  };
}
