/**
 * Express middleware (express is an optional peer: install it yourself): `routes` serves
 * /auth/login, /auth/refresh, /auth/logout, /auth/me and /auth/decrypt; `requireUser` guards the
 * app's own routes and puts the verified user in `res.locals.user`. Mount them before any body
 * parser for /auth (the routes read their own JSON body, with a size limit).
 *
 * @example
 *   const auth = expressAuth(core);
 *   app.use(auth.routes);
 *   app.get('/api/orders', auth.requireUser, (req, res) =>
 *     res.json({ ok: true, data: { openid: res.locals.user.openid } }),
 *   );
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuthCore } from '../core/auth-core';
import { httpAnswer, type HttpAnswer } from '../http/answers';
import { authenticate, handleAuthRoute, type AuthHttpOptions } from '../http/auth-routes';
import { readNodeBody } from '../http/request-body';

const send = (res: Response, answer: HttpAnswer) => res.status(answer.status).json(answer.body);

export function expressAuth(
  core: AuthCore,
  options: AuthHttpOptions = {},
): { routes: RequestHandler; requireUser: RequestHandler } {
  const header = (req: Request) => (name: string) => req.get(name) ?? undefined;
  return {
    routes: (req: Request, res: Response, next: NextFunction) => {
      const answer = handleAuthRoute(core, options, {
        method: req.method,
        path: req.path,
        header: header(req),
        clientAddress: req.ip,
        body: () => readNodeBody(req),
      });
      if (!answer) return next();
      answer.then((done) => send(res, done), next);
    },
    requireUser: (req: Request, res: Response, next: NextFunction) => {
      authenticate(core, options, header(req)).then((user) => {
        if (!user.ok) return send(res, httpAnswer(user));
        res.locals.user = user.data;
        next();
      }, next);
    },
  };
}
