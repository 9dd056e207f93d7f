/**
 * The auth routes, once for every framework: the adapters (Hono, Express, Koa) turn their request
 * into an AuthRequest and write the HttpAnswer back.
 *   POST /auth/login {code}            -> { accessToken, refreshToken, expiresIn, user, isNewUser }
 *   POST /auth/refresh {refreshToken}  -> a new pair
 *   POST /auth/logout   (access token) -> { loggedOut: true }
 *   GET  /auth/me       (access token) -> { user }
 *   POST /auth/decrypt {encryptedData, iv} (access token) -> the decrypted object
 */
import type { AuthAnswer, AuthCore, AuthUser } from '../core/auth-core';
import { httpAnswer, type HttpAnswer } from './answers';
import type { ParsedBody } from './request-body';

export interface AuthRequest {
  method: string;
  path: string;
  header(name: string): string | undefined;
  /** Read only for the routes that take a body. */
  body(): Promise<ParsedBody>;
  clientAddress?: string;
}

export interface AuthHttpOptions {
  /** Trust 微信云托管's X-WX-OPENID / X-WX-APPID / X-WX-UNIONID headers (only behind its gateway). */
  trustCloudRunHeaders?: boolean;
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/** The caller of a request: a valid access token, or (when trusted) 微信云托管's gateway headers. */
export async function authenticate(
  core: AuthCore,
  options: AuthHttpOptions,
  header: AuthRequest['header'],
): Promise<AuthAnswer<AuthUser>> {
  const token = bearerToken(header('authorization'));
  const openid = header('x-wx-openid');
  if (!token && options.trustCloudRunHeaders && openid) {
    const appid = header('x-wx-appid') ?? '';
    const unionid = header('x-wx-unionid');
    return { ok: true, data: { openid, appid, ...(unionid ? { unionid } : {}) } };
  }
  return core.verify(token);
}

type Route = (core: AuthCore, options: AuthHttpOptions, request: AuthRequest) => Promise<HttpAnswer>;

async function withBody(request: AuthRequest, run: (body: unknown) => Promise<HttpAnswer>): Promise<HttpAnswer> {
  const body = await request.body();
  return body.ok ? run(body.value) : body.answer;
}

async function withUser(
  core: AuthCore,
  options: AuthHttpOptions,
  request: AuthRequest,
  run: (user: AuthUser) => Promise<HttpAnswer>,
): Promise<HttpAnswer> {
  const user = await authenticate(core, options, (name) => request.header(name));
  return user.ok ? run(user.data) : httpAnswer(user);
}

const ROUTES: Record<string, Route> = {
  'POST /auth/login': (core, _, request) =>
    withBody(request, async (body) => httpAnswer(await core.login(body, { address: request.clientAddress }))),
  'POST /auth/refresh': (core, _, request) => withBody(request, async (body) => httpAnswer(await core.refresh(body))),
  'POST /auth/logout': async (core, _, request) =>
    httpAnswer(await core.logout(bearerToken(request.header('authorization')))),
  'GET /auth/me': (core, options, request) =>
    withUser(core, options, request, async (user) => httpAnswer(await core.me(user))),
  'POST /auth/decrypt': (core, options, request) =>
    withUser(core, options, request, (user) =>
      withBody(request, async (body) => httpAnswer(await core.decrypt(user, body))),
    ),
};

/** The answer of an auth route, or null when the request is for another path. */
export function handleAuthRoute(
  core: AuthCore,
  options: AuthHttpOptions,
  request: AuthRequest,
): Promise<HttpAnswer> | null {
  const route = ROUTES[`${request.method.toUpperCase()} ${request.path}`];
  return route ? route(core, options, request) : null;
}
