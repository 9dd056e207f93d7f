/**
 * Koa middleware (koa is an optional peer: install it yourself): `routes` serves the /auth routes;
 * `requireUser` guards the app's own routes and puts the verified user in `ctx.state.user`. The
 * routes read their own JSON body (mount them before a body parser).
 *
 * @example
 *   const auth = koaAuth(core);
 *   app.use(auth.routes);
 *   router.get('/api/orders', auth.requireUser, (ctx) => {
 *     ctx.body = { ok: true, data: { openid: ctx.state.user.openid } };
 *   });
 */
import type { Context, Middleware, Next } from 'koa';
import type { AuthCore } from '../core/auth-core';
import { httpAnswer, type HttpAnswer } from '../http/answers';
import { authenticate, handleAuthRoute, type AuthHttpOptions } from '../http/auth-routes';
import { readNodeBody } from '../http/request-body';

function send(ctx: Context, answer: HttpAnswer): void {
  ctx.status = answer.status;
  ctx.body = answer.body;
}

export function koaAuth(
  core: AuthCore,
  options: AuthHttpOptions = {},
): { routes: Middleware; requireUser: Middleware } {
  const header = (ctx: Context) => (name: string) => ctx.get(name) || undefined;
  return {
    routes: async (ctx: Context, next: Next) => {
      const answer = handleAuthRoute(core, options, {
        method: ctx.method,
        path: ctx.path,
        header: header(ctx),
        clientAddress: ctx.ip,
        body: () => readNodeBody(ctx.req),
      });
      if (!answer) return next();
      send(ctx, await answer);
    },
    requireUser: async (ctx: Context, next: Next) => {
      const user = await authenticate(core, options, header(ctx));
      if (!user.ok) return send(ctx, httpAnswer(user));
      ctx.state.user = user.data;
      await next();
    },
  };
}
