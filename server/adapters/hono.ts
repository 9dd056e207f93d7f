/**
 * The reference server on Hono: the auth routes, the request-source guards, JSON bodies only with
 * a size limit, and `requireUser` for the app's own routes (the verified user in `c.get('user')`).
 *
 * @example
 *   const app = createHonoApp(core, { allowedOrigins: [], loopback: true });
 *   app.get('/api/orders', requireUser(core), (c) => c.json({ ok: true, data: { openid: c.get('user').openid } }));
 */
import type { HttpBindings } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorBody } from '../../miniprogram/shared/error-codes';
import type { AuthCore, AuthUser } from '../core/auth-core';
import { httpAnswer } from '../http/answers';
import { authenticate, handleAuthRoute, type AuthHttpOptions } from '../http/auth-routes';
import { clientAddressBehind } from '../http/client-address';
import { checkRequestSource } from '../http/guards';
import { MAX_BODY_BYTES, parseJsonBody } from '../http/request-body';

export type AuthEnv = { Bindings: HttpBindings; Variables: { user: AuthUser } };

export interface HonoAppOptions extends AuthHttpOptions {
  allowedOrigins: string[];
  /** True while listening on loopback: requests must be addressed to loopback. */
  loopback: boolean;
  /**
   * How many proxies in front of the server append to X-Forwarded-For (true: one); the client address is taken from
   * there.
   */
  trustProxy?: boolean | number;
}

export function requireUser(core: AuthCore, options: AuthHttpOptions = {}): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    const user = await authenticate(core, options, (name) => c.req.header(name));
    if (!user.ok) {
      const answer = httpAnswer(user);
      return c.json(answer.body, answer.status as 401);
    }
    c.set('user', user.data);
    await next();
  };
}

export function clientAddress(
  c: { req: { header(name: string): string | undefined }; env?: HttpBindings },
  trustProxy: boolean | number,
): string | undefined {
  return clientAddressBehind(
    Number(trustProxy),
    c.env?.incoming?.socket.remoteAddress,
    c.req.header('x-forwarded-for'),
  );
}

export function createHonoApp(core: AuthCore, options: HonoAppOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use('*', async (c, next) => {
    const refused = checkRequestSource((name) => c.req.header(name), options);
    if (refused) return c.json(refused.body, refused.status as 403);
    await next();
  });
  const tooLarge = { ok: false, error: errorBody('INVALID_ARGUMENT', `body exceeds ${MAX_BODY_BYTES} bytes`) } as const;
  app.use('/auth/*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json(tooLarge, 413) }));
  app.all('/auth/*', async (c) => {
    const answer = await handleAuthRoute(core, options, {
      method: c.req.method,
      path: c.req.path,
      header: (name) => c.req.header(name),
      clientAddress: clientAddress(c, options.trustProxy ?? false),
      body: async () => parseJsonBody(c.req.header('content-type'), await c.req.text()),
    });
    if (!answer)
      return c.json({ ok: false, error: errorBody('INVALID_ARGUMENT', `no route ${c.req.method} ${c.req.path}`) }, 404);
    return c.json(answer.body, answer.status as 200);
  });
  app.get('/healthz', (c) => c.json({ ok: true, data: { status: 'ready' } }));
  return app;
}
