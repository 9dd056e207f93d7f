/**
 * The HTTP shell: Hono on 127.0.0.1. `POST /admin` carries every action as a JSON envelope with
 * `action` (what the SDK sends to TCB_CONTEXT_CNFG.URL); the server parses it, counts it, may
 * inject a fault, validates the parameters with the action's zod schema and dispatches to the
 * action table. Errors go out in the service's wire format; nothing here knows about databases.
 */
import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { serve, type HttpBindings } from '@hono/node-server';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { EmulatorError, type WireError } from './errors';
import { isPlainObject } from '../ejson';
import { MAX_REQUEST_BODY_BYTES } from '../limits';
import { RAW_REPLY, type ActionContext, type ActionTable, type RawReply } from './actions';
import { multipartBoundary, parseMultipart } from './multipart';
import type { FaultInjector, FaultPhase } from './faults';
import { ADMIN_PATH, localOnly, type BodyLimits, type BodyTypes, type WireRefusals } from './guard';
import type { RequestStats } from './stats';
import { zodToInvalidParam } from './errors';

export type EmulatorApp = Hono<{ Bindings: HttpBindings }>;

export interface ServerParts {
  /** The action table; the host fills it as it makes the services. */
  actions: ActionTable;
  stats: RequestStats;
  faults: FaultInjector;
  /** Body limits by path prefix (the host's guard applies them to every route). */
  bodyLimits: BodyLimits;
  /** Media types of paths that take something else than JSON (the guard's 415 otherwise). */
  bodyTypes: BodyTypes;
  /** How refusals are worded on paths of another wire (the client wire's otherwise). */
  refusals: WireRefusals;
}

/** What one `/admin` envelope gets: a JSON body, or a connection dropped by an injected fault. */
export type AdminReply = { status: number; body: unknown } | { drop: 'reset' | 'timeout' };
type Reply = AdminReply;

export function newRequestId(): string {
  return randomBytes(12).toString('hex');
}

/**
 * An answer given without reading the request's body closes its connection. Left open, the unread body is drained by
 * @hono/node-server, which gives up after 500 ms on a busy machine and closes the socket under a client that, told
 * nothing, sends its next request on it and fails with "other side closed".
 */
const closeUnreadBodies: MiddlewareHandler = async (c, next) => {
  await next();
  const declared = c.req.header('content-length') ?? c.req.header('transfer-encoding');
  if (declared && declared !== '0' && !c.req.raw.bodyUsed) c.header('connection', 'close');
};

/** The app with `POST /admin` behind the local-only guard; services add their routes to it. */
export function createApp(parts: ServerParts): EmulatorApp {
  const app: EmulatorApp = new Hono();
  parts.bodyLimits.set(ADMIN_PATH, MAX_REQUEST_BODY_BYTES);
  app.use('*', closeUnreadBodies);
  app.use('*', localOnly(parts.bodyLimits, newRequestId, parts.bodyTypes, parts.refusals));
  app.post(ADMIN_PATH, async (c) => {
    const reply = await handleEnvelope(parts, await envelopeText(c), headersOf(c.env.incoming));
    if ('drop' in reply) return dropConnection(c.env.incoming, reply.drop);
    // `wx.openApi` answers a protobuf message, not JSON.
    const raw = (reply.body as { [RAW_REPLY]?: RawReply })[RAW_REPLY];
    if (raw) return new Response(raw.body, { status: 200, headers: { 'content-type': raw.contentType } });
    return c.json(reply.body as Record<string, unknown>, reply.status as 200);
  });
  return app;
}

/**
 * node-sdk posts `wx.openApi` and its kin as multipart forms (action and parameters as fields,
 * request data as bytes): their text fields become the envelope, bytes as base64. The form is
 * read by multipart.ts, not a generic form parser: node-sdk's byte parts carry no filename, and a
 * generic parser would decode them as text, corrupting the protobuf inside.
 */
async function envelopeText(c: Context<{ Bindings: HttpBindings }>): Promise<string> {
  const boundary = multipartBoundary(c.req.header('content-type'));
  if (!boundary) return c.req.text();
  let form: Record<string, string | Buffer>;
  try {
    form = parseMultipart(Buffer.from(await c.req.arrayBuffer()), boundary);
  } catch {
    return '';
  }
  const envelope: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(form))
    envelope[name] = typeof value === 'string' ? value : value.toString('base64');
  return JSON.stringify(envelope);
}

function errorBody(code: WireError['code'], message: string, requestId: string): WireError {
  return { code, message, requestId };
}

/** Parses, counts, faults and runs one `/admin` envelope (also used in-process by services). */
export async function handleEnvelope(
  parts: ServerParts,
  text: string,
  headers: Record<string, string>,
): Promise<Reply> {
  const requestId = newRequestId();
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    return { status: 200, body: errorBody('INVALID_PARAM', 'request body is not valid JSON', requestId) };
  }
  if (!isPlainObject(envelope) || typeof envelope.action !== 'string') {
    return {
      status: 200,
      body: errorBody('INVALID_PARAM', 'request body must be a JSON object with a string "action"', requestId),
    };
  }
  const action = envelope.action;
  const definition = Object.hasOwn(parts.actions, action) ? parts.actions[action] : undefined;
  parts.stats.record(
    action,
    typeof envelope.collectionName === 'string' ? envelope.collectionName : undefined,
    definition !== undefined,
  );
  if (!definition) return { status: 200, body: errorBody('INVALID_ACTION', `unknown action ${action}`, requestId) };
  const before = await applyFault(parts.faults, action, 'before', requestId);
  if (before) return before;
  const context: ActionContext = {
    requestId,
    headers,
    envName: typeof envelope.envName === 'string' ? envelope.envName : undefined,
  };
  const body = await runAction(definition, action, envelope, context);
  return (await applyFault(parts.faults, action, 'after', requestId)) ?? { status: 200, body };
}

async function runAction(
  definition: ActionTable[string],
  action: string,
  envelope: unknown,
  context: ActionContext,
): Promise<unknown> {
  try {
    const parsed = definition.schema.safeParse(envelope);
    if (!parsed.success) throw zodToInvalidParam(action, parsed.error);
    return { requestId: context.requestId, ...(await definition.handle(parsed.data, context)) };
  } catch (error) {
    if (error instanceof EmulatorError) return error.toWire(context.requestId);
    console.error(`[emulator] ${action} failed unexpectedly (request ${context.requestId}):`, error);
    return errorBody(
      'SYS_ERR',
      `internal emulator error in ${action}: ${(error as Error).message ?? String(error)}`,
      context.requestId,
    );
  }
}

async function applyFault(
  faults: FaultInjector,
  action: string,
  phase: FaultPhase,
  requestId: string,
): Promise<Reply | undefined> {
  const rule = faults.pick(action, phase);
  if (!rule) return undefined;
  switch (rule.kind) {
    case 'latency':
      await new Promise((resolve) => setTimeout(resolve, rule.latencyMs));
      return undefined;
    case 'error':
      return {
        status: rule.status,
        body: errorBody('SYS_ERR', `injected fault: HTTP ${rule.status} on ${action}`, requestId),
      };
    case 'reset':
    case 'timeout':
      return { drop: rule.kind };
  }
}

/** Resets the connection at once, or holds it silently until the client (or stop()) gives up. */
export async function dropConnection(incoming: IncomingMessage, how: 'reset' | 'timeout'): Promise<Response> {
  const socket = incoming.socket;
  if (how === 'reset') socket.resetAndDestroy();
  else await new Promise((resolve) => socket.once('close', resolve));
  return new Response(null, { status: 204 });
}

function headersOf(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string') headers[name] = value;
  }
  return headers;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

type Fetch = EmulatorApp['fetch'];

/**
 * How long an idle keep-alive connection stays open. Longer than Node's 5 s, so that clients drop idle connections
 * first (node-sdk's agents after a few seconds; fetch a second before what this side announces): a request sent on a
 * connection this side closes at that very moment would fail with "other side closed". Below Node's 60 s
 * headersTimeout.
 */
export const IDLE_CONNECTION_MS = 30_000;

/** Listens on 127.0.0.1:`port` (0 picks a free port). */
export function listen(fetch: Fetch, port: number): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, (info) => {
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
    if ('keepAliveTimeout' in server) server.keepAliveTimeout = IDLE_CONNECTION_MS;
    server.once('error', reject);
  });
}
