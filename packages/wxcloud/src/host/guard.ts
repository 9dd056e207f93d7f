/**
 * Local-only by construction: one middleware in front of every route of every service.
 * - Host must name the loopback address the request arrived on (`127.0.0.1:PORT`, `localhost:PORT`,
 *   `[::1]:PORT`), else 403: a DNS-rebinding page reaches 127.0.0.1 under its own name.
 * - An `Origin`, when sent, must be the emulator's own (the web console is served from its base
 *   URL), else 403: a page in the developer's browser cannot post to it (CSRF).
 * - A request with a body must say `application/json` (`/admin` also takes the multipart forms
 *   node-sdk posts for `wx.openApi`; a service may name other types for a path, e.g. the raw bytes
 *   node-sdk PUTs to an upload URL), else 415: `text/plain` is what a cross-site form can send.
 * - Every route has a body limit, answered with 413 from Content-Length before anything is read,
 *   or as soon as a streamed body passes it.
 * Refusals are answered in the wire of the route: the admin wire on `/admin`, the client wire elsewhere.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { CLIENT_ERROR_CODES, type AdminErrorCode } from './errors';

/** The path every admin action is posted to. */
export const ADMIN_PATH = '/admin';
/** Body limit of a route whose service names none (bytes). */
export const DEFAULT_ROUTE_BODY_BYTES = 1024 * 1024;

/** Body limits by path prefix; the longest prefix that matches a request's path applies. */
export type BodyLimits = Map<string, number>;
/** Media types a path accepts instead of JSON, by path prefix (longest match); `*` accepts any type or none. */
export type BodyTypes = Map<string, readonly string[]>;

type Refusal = { status: 403 | 413 | 415; admin: AdminErrorCode; client: number; message: string };

const BODYLESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** The Host values (and so the origins) under which the emulator listening on `port` is itself. */
export function loopbackHosts(port: number): string[] {
  return LOOPBACK_NAMES.map((name) => `${name}:${port}`);
}

type Env = { Bindings: HttpBindings };

export function localOnly(
  limits: BodyLimits,
  newRequestId: () => string,
  types: BodyTypes = new Map(),
): MiddlewareHandler<Env> {
  return async (c, next) => {
    const refusal = checkRequest(c, types);
    if (refusal) return refuse(c, refusal, newRequestId);
    const maxSize = limitFor(limits, c.req.path);
    const tooLarge = (ctx: Context) =>
      refuse(
        ctx,
        {
          status: 413,
          admin: 'INVALID_PARAM',
          client: CLIENT_ERROR_CODES.INVALID_PARAM,
          message: `request body exceeds ${maxSize} bytes`,
        },
        newRequestId,
      );
    return bodyLimit({ maxSize, onError: tooLarge })(c, next);
  };
}

function checkRequest(c: Context<Env>, types: BodyTypes): Refusal | undefined {
  // The port the request really arrived on; a request that came through no socket is never local.
  const hosts = loopbackHosts(c.env?.incoming?.socket?.localPort ?? -1);
  const host = (c.req.header('host') ?? '').toLowerCase();
  if (!hosts.includes(host)) {
    return forbidden(`Host "${host}" is not this emulator (expected one of ${hosts.join(', ')})`);
  }
  const origin = c.req.header('origin');
  if (origin !== undefined && !hosts.some((allowed) => origin.toLowerCase() === `http://${allowed}`)) {
    return forbidden(`cross-site requests are refused (Origin "${origin}")`);
  }
  if (BODYLESS_METHODS.has(c.req.method)) return undefined;
  const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const accepted =
    c.req.path === ADMIN_PATH
      ? ['application/json', 'multipart/form-data']
      : (longestPrefix(types, c.req.path) ?? ['application/json']);
  if (!accepted.includes(mediaType) && !accepted.includes('*')) {
    const message = `content-type "${mediaType}" is not accepted here (send ${accepted.join(' or ')})`;
    return { status: 415, admin: 'INVALID_PARAM', client: CLIENT_ERROR_CODES.INVALID_PARAM, message };
  }
  return undefined;
}

function forbidden(message: string): Refusal {
  return { status: 403, admin: 'PERMISSION_DENIED', client: CLIENT_ERROR_CODES.REQUEST_FAILED, message };
}

function longestPrefix<T>(map: Map<string, T>, path: string): T | undefined {
  let best: { prefix: string; value: T } | undefined;
  for (const [prefix, value] of map) {
    if (path.startsWith(prefix) && (!best || prefix.length > best.prefix.length)) best = { prefix, value };
  }
  return best?.value;
}

function limitFor(limits: BodyLimits, path: string): number {
  let best: { prefix: string; bytes: number } | undefined;
  for (const [prefix, bytes] of limits) {
    if (path.startsWith(prefix) && (!best || prefix.length > best.prefix.length)) best = { prefix, bytes };
  }
  return best?.bytes ?? DEFAULT_ROUTE_BODY_BYTES;
}

function refuse(c: Context, refusal: Refusal, newRequestId: () => string): Response {
  // The request's body is not read: the connection is closed after the answer instead of drained.
  c.header('connection', 'close');
  if (c.req.path === ADMIN_PATH)
    return c.json({ code: refusal.admin, message: refusal.message, requestId: newRequestId() }, refusal.status);
  return c.json({ errCode: refusal.client, errMsg: refusal.message }, refusal.status);
}
