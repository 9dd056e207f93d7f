/**
 * The client-side database (what `wx.cloud.database()` in a mini-program reaches), with the
 * collection's security rule enforced: `POST /client/database`.
 *
 * Request: { wxContext?: { OPENID, APPID }, collection, op, docId?, query? (EJSON), data? (EJSON), limit? }
 *   op: 'doc.get' | 'where.get' | 'add' | 'doc.update' | 'doc.remove'
 * Answer: 200 { list: [EJSON documents] } / { _id } / { updated | deleted }, or 403/404/400
 *   { errCode, errMsg } as the client SDK reports it (permission denied: -502003).
 *
 * Queries are checked as the service checks them, before they run: the conditions must imply the
 * rule (query-check.ts), so no answer depends on documents the caller may not read. A document
 * op (by `_id`) is decided by the id alone when it can be (`write: false`), else by the stored
 * document, and a foreign document is answered as a missing one. `add` stamps the caller's
 * `_openid`; an update may not change `_openid` or `_id`.
 * Data goes through the emulator's own `/admin` actions, in-process (faults and stats apply; a
 * fault that drops the connection drops the phone's).
 */
import { EJSON } from 'bson';
import { z } from 'zod';
import { formatZodError } from '../zod-messages';
import { AdminConnectionDropped } from '../host/service';
import { WxContextSchema } from '../clients/wx-context';
import { CLIENT_ERROR_CODES } from '../host/errors';
import { dropConnection, type EmulatorApp } from '../host/server';
import { evaluateOver, evaluateRule, type RuleNode, type RuleScope } from './expression';
import { queryImpliesRule, substituteOpenid } from './query-check';
import type { CollectionRules } from './rules-file';

export const PERMISSION_DENIED = CLIENT_ERROR_CODES.DATABASE_PERMISSION_DENIED;
/** The mini-program SDK's largest page for a client query. */
export const CLIENT_QUERY_LIMIT = 20;
export const CLIENT_DATABASE_PATH = '/client/database';
/** Largest request body: `data` (1 MB of text at most) JSON-escaped inside the request, and the query. */
export const MAX_CLIENT_DATABASE_BODY_BYTES = 4 * 1024 * 1024;

const nonEmpty = z.string().min(1);
export const ClientDatabaseRequestSchema = z
  .object({
    wxContext: WxContextSchema.optional(),
    collection: nonEmpty.max(128),
    op: z.enum(['doc.get', 'where.get', 'add', 'doc.update', 'doc.remove']),
    docId: nonEmpty.max(256).optional(),
    query: z.string().max(100_000).optional(),
    data: z.string().max(1_000_000).optional(),
    limit: z.number().int().min(1).max(CLIENT_QUERY_LIMIT).optional(),
  })
  .strict();
export type ClientDatabaseRequest = z.infer<typeof ClientDatabaseRequestSchema>;

type Answer = { status: 200 | 400 | 403 | 404; body: Record<string, unknown> };
type Admin = (envelope: Record<string, unknown>) => Promise<Record<string, unknown>>;

const API: Record<ClientDatabaseRequest['op'], string> = {
  'doc.get': 'document.get',
  'where.get': 'collection.get',
  add: 'collection.add',
  'doc.update': 'document.update',
  'doc.remove': 'document.remove',
};

export function permissionDenied(op: ClientDatabaseRequest['op']): Answer {
  return {
    status: 403,
    body: {
      errCode: PERMISSION_DENIED,
      errMsg: `${API[op]}:fail ${PERMISSION_DENIED} database permission denied | errMsg: Permission denied`,
    },
  };
}

/** Registers `POST /client/database`; `rulesFor` is read per request, so edited rules apply at once. */
export function registerClientDatabase(
  app: EmulatorApp,
  rulesFor: () => Map<string, CollectionRules>,
  admin: Admin,
): void {
  app.post(CLIENT_DATABASE_PATH, async (c) => {
    const parsed = ClientDatabaseRequestSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success)
      return c.json(
        { errCode: CLIENT_ERROR_CODES.INVALID_PARAM, errMsg: `invalid parameters: ${formatZodError(parsed.error)}` },
        400,
      );
    let rules: Map<string, CollectionRules>;
    try {
      rules = rulesFor();
    } catch (error) {
      // A rules file edited into a broken one while running: closed, and the developer told why.
      console.error(`[emulator] client database closed: ${(error as Error).message}`);
      return c.json({ errCode: CLIENT_ERROR_CODES.REQUEST_FAILED, errMsg: `${(error as Error).message}` }, 500);
    }
    try {
      const answer = await handleClientRequest(parsed.data, rules.get(parsed.data.collection), admin);
      return c.json(answer.body, answer.status);
    } catch (error) {
      if (error instanceof AdminConnectionDropped) return dropConnection(c.env.incoming, error.how);
      // Invalid EJSON in query or data: the caller's mistake, answered as the SDK reports one.
      return c.json(
        { errCode: CLIENT_ERROR_CODES.INVALID_PARAM, errMsg: `invalid parameters: ${(error as Error).message}` },
        400,
      );
    }
  });
}

export async function handleClientRequest(
  request: ClientDatabaseRequest,
  rules: CollectionRules | undefined,
  admin: Admin,
): Promise<Answer> {
  if (!rules) return permissionDenied(request.op); // no rules file: closed to clients
  const auth = request.wxContext ? { openid: request.wxContext.OPENID } : null;
  const collectionName = request.collection;
  if (request.op === 'add') return addDocument(request, rules, auth, admin);
  if (request.op === 'where.get') {
    const query = substituteOpenid(parseDocument(request.query ?? '{}') ?? {}, auth) as Record<string, unknown>;
    if (!queryImpliesRule(rules.read, query, auth)) return permissionDenied(request.op);
    const found = await admin({
      action: 'database.getDocument',
      collectionName,
      query: EJSON.stringify(query, { relaxed: false }),
      limit: request.limit ?? CLIENT_QUERY_LIMIT,
    });
    if (typeof found.code === 'string') return relay(found, () => ({}));
    return { status: 200, body: { list: (found.data as { list?: string[] } | undefined)?.list ?? [] } };
  }
  const rule = request.op === 'doc.get' ? rules.read : rules.write;
  const query = { _id: request.docId ?? '' };
  // Decided by the id alone (e.g. `false`, or a rule on auth only): no document is read.
  const verdict = evaluateOver(
    rule,
    (keys) => (keys.join('.') === '_id' ? { known: true, value: query._id } : { known: false, excludes: [] }),
    auth,
  );
  if (verdict === false) return permissionDenied(request.op);
  const found = await admin({
    action: 'database.getDocument',
    collectionName,
    query: EJSON.stringify(query, { relaxed: false }),
    limit: 1,
  });
  if (typeof found.code === 'string') return relay(found, () => ({}));
  const stored = ((found.data as { list?: string[] } | undefined)?.list ?? []).map(
    (text) => EJSON.parse(text, { relaxed: true }) as Record<string, unknown>,
  )[0];
  // A foreign document and a missing one get the same answer, as the service words it.
  if (!stored || (verdict !== true && !allows(rule, { doc: stored, auth }))) return notFound(request);
  if (request.op === 'doc.get') return { status: 200, body: { list: [EJSON.stringify(stored, { relaxed: false })] } };
  return writeDocument(request, collectionName, EJSON.stringify(query, { relaxed: false }), admin);
}

/** `add`: `_openid` is the caller's, whatever the data says; the write rule sees the document as stored. */
async function addDocument(
  request: ClientDatabaseRequest,
  rules: CollectionRules,
  auth: RuleScope['auth'],
  admin: Admin,
): Promise<Answer> {
  const data = Object.fromEntries(
    Object.entries(parseDocument(request.data) ?? {}).filter(([key]) => key !== '_openid'),
  );
  const document = auth ? { ...data, _openid: auth.openid } : data;
  if (!allows(rules.write, { doc: document, auth })) return permissionDenied(request.op);
  const inserted = await admin({
    action: 'database.insertDocument',
    collectionName: request.collection,
    data: [EJSON.stringify(document, { relaxed: false })],
  });
  return relay(inserted, (answer) => ({ _id: (answer as { insertedIds?: unknown[] })?.insertedIds }));
}

function notFound(request: ClientDatabaseRequest): Answer {
  const errMsg =
    `${API[request.op]}:fail cannot find document with ` +
    `_id ${request.docId}, please make sure that the document exists and ` +
    `you have the corresponding permission`;
  return { status: 404, body: { errCode: CLIENT_ERROR_CODES.REQUEST_FAILED, errMsg } };
}

async function writeDocument(
  request: ClientDatabaseRequest,
  collectionName: string,
  query: string,
  admin: Admin,
): Promise<Answer> {
  if (request.op === 'doc.remove') {
    return relay(
      await admin({ action: 'database.removeDocument', collectionName, query, queryType: 'DOC' }),
      (data) => ({ deleted: (data as { deleted?: number })?.deleted }),
    );
  }
  const data = parseDocument(request.data) ?? {};
  // `_openid` and `_id` are the service's: an update may not touch them, at any depth.
  if (Object.keys(data).some((key) => /^(_openid|_id)(\.|$)/.test(key))) return permissionDenied(request.op);
  const update = EJSON.stringify({ $set: data }, { relaxed: false });
  return relay(
    await admin({ action: 'database.modifyDocument', collectionName, query, queryType: 'DOC', data: update }),
    (answer) => ({ updated: (answer as { updated?: number })?.updated }),
  );
}

function allows(rule: RuleNode, scope: RuleScope): boolean {
  return evaluateRule(rule, scope);
}

function parseDocument(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  const value = EJSON.parse(text, { relaxed: true }) as unknown;
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function relay(answer: Record<string, unknown>, pick: (data: unknown) => Record<string, unknown>): Answer {
  if (typeof answer.code === 'string')
    return {
      status: 400,
      body: {
        errCode: CLIENT_ERROR_CODES.DATABASE_REQUEST_FAILED,
        errMsg: `database request fail | errMsg: ${String(answer.message)}`,
      },
    };
  return { status: 200, body: pick(answer.data) };
}
