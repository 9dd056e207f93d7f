/**
 * Starts the reference server: the Hono app on HOST:PORT with the stores on the CloudBase database.
 * Used by `npm run server` (main.ts), by `npm start` and by the end-to-end tests.
 *
 * @example
 *   const server = await startServer(loadConfig(process.env));
 *   console.log(server.url); // http://127.0.0.1:3000
 *   await server.stop();
 */
import { serve } from '@hono/node-server';
import tcb from '@cloudbase/node-sdk';
import { DATABASE_REQUEST_TIMEOUT_MS } from '../core/kit/limits';
import { clientAddress, createHonoApp } from './adapters/hono';
import type { ServerConfig } from './config';
import type { AuthCore } from './core/auth-core';
import { cloudStores, createAuthFromConfig, type AuthStores } from './create-auth';
import { isLoopback } from './http/guards';
import { registerWebDemo } from './web-demo/demo-routes';

export interface RunningAuthServer {
  url: string;
  port: number;
  core: AuthCore;
  stop(): Promise<void>;
}

/**
 * The stores on the CloudBase environment the process is configured for (node-sdk reads its credentials from the
 * environment).
 */
export function defaultStores(config: ServerConfig): AuthStores {
  const app = tcb.init({
    env: config.CLOUDBASE_ENV_ID ?? tcb.SYMBOL_CURRENT_ENV,
    timeout: DATABASE_REQUEST_TIMEOUT_MS,
  });
  return cloudStores(app.database());
}

export async function startServer(
  config: ServerConfig,
  options: { stores?: AuthStores; now?: () => Date; log?: (message: string) => void } = {},
): Promise<RunningAuthServer> {
  const core = createAuthFromConfig(config, options.stores ?? defaultStores(config), options);
  const app = createHonoApp(core, {
    allowedOrigins: config.ALLOWED_ORIGINS,
    loopback: isLoopback(config.HOST),
    trustProxy: config.TRUST_PROXY,
    trustCloudRunHeaders: config.TRUST_CLOUD_RUN_HEADERS,
  });
  if (config.WEB_DEMO)
    registerWebDemo(app, core, {
      openBase: config.WX_OPEN_BASE,
      apps: config.WX_APPS,
      clientAddress: (c) => clientAddress(c, config.TRUST_PROXY),
    });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
      const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        core,
        stop: () =>
          new Promise<void>((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    server.once('error', reject);
  });
}
