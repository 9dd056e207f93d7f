/**
 * The client-side database (what `wx.cloud.database()` in a mini-program reaches), with the
 * collection's security rule enforced: `POST /client/database`.
 *
 * Request: { wxContext?: { OPENID, APPID }, collection, op, docId?, query? (EJSON), data? (EJSON), limit? }
 *   op: 'doc.get' | 'where.get' | 'add' | 'doc.update' | 'doc.remove'
 * Answer: 200 { list: [EJSON documents] } / { _id } / { updated | deleted }, or 403/404/400
 *   { errCode, errMsg } as the client SDK reports it (permission denied: -502003).
 *
 * Queries: the real service checks a query statically (its condition must imply the rule, e.g.
 * it must contain `_openid: '{openid}'`). The emulator runs the query instead and refuses the
 * whole request if any document it matches fails the rule: the same answer for the queries a
 * mini-program makes, more lenient only for a query that happens to match no foreign document.
 * Data goes through the emulator's own `/admin` actions, in-process (faults and stats apply; a
 * fault that drops the connection drops the phone's).
 */
import { EJSON } from 'bson';
import { z } from 'zod';
import { formatZodError } from '../../typings/zod-messages';
import { AdminConnectionDropped } from '../host/service';
import { WxContextSchema } from '../clients/wx-context';
import { CLIENT_ERROR_CODES } from '../host/errors';
import { dropConnection, type EmulatorApp } from '../host/server';
import { evaluateRule, type RuleNode, type RuleScope } from './expression';
import type { CollectionRules } from './rules-file';

export const PERMISSION_DENIED = CLIENT_ERROR_CODES.DATABASE_PERMISSION_DENIED;
/** The mini-program SDK's largest page for a client query. */
export const CLIENT_QUERY_LIMIT = 20;
/** How many matches a query may have for its rule check (the service's own query limit). */
const RULE_CHECK_LIMIT = 1000;

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
  return { status: 403, body: { errCode: PERMISSION_DENIED, errMsg: `${API[op]}:fail ${PERMISSION_DENIED} database permission denied | errMsg: Permission denied` } };
}

/** Registers `POST /client/database`; `rulesFor` is read per request, so edited rules apply at once. */
export function registerClientDatabase(app: EmulatorApp, rulesFor: () => Map<string, CollectionRules>, admin: Admin): void {
  app.post('/client/database', async (c) => {
    const parsed = ClientDatabaseRequestSchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ errCode: CLIENT_ERROR_CODES.INVALID_PARAM, errMsg: `invalid parameters: ${formatZodError(parsed.error)}` }, 400);
    try {
      const answer = await handleClientRequest(parsed.data, rulesFor().get(parsed.data.collection), admin);
      return c.json(answer.body, answer.status);
    } catch (error) {
      if (error instanceof AdminConnectionDropped) return dropConnection(c.env.incoming, error.how);
      // Invalid EJSON in query or data: the caller's mistake, answered as the SDK reports one.
      return c.json({ errCode: CLIENT_ERROR_CODES.INVALID_PARAM, errMsg: `invalid parameters: ${(error as Error).message}` }, 400);
    }
  });
}

export async function handleClientRequest(request: ClientDatabaseRequest, rules: CollectionRules | undefined, admin: Admin): Promise<Answer> {
  if (!rules) return permissionDenied(request.op); // no rules file: closed to clients
  const auth = request.wxContext ? { openid: request.wxContext.OPENID } : null;
  const collectionName = request.collection;
  if (request.op === 'add') {
    const document = { ...(parseDocument(request.data) ?? {}), _openid: auth?.openid };
    if (!allows(rules.write, { doc: document, auth })) return permissionDenied(request.op);
    return relay(await admin({ action: 'database.insertDocument', collectionName, data: [EJSON.stringify(document, { relaxed: false })] }), (data) => ({ _id: (data as { _id?: unknown[] })?._id }));
  }
  const query = request.op === 'where.get' ? (request.query ?? '{}') : EJSON.stringify({ _id: request.docId ?? '' });
  const found = await admin({ action: 'database.getDocument', collectionName, query, limit: RULE_CHECK_LIMIT });
  if (typeof found.code === 'string') return relay(found, () => ({}));
  const list = ((found.data as { list?: string[] } | undefined)?.list ?? []).map((text) => EJSON.parse(text, { relaxed: true }) as Record<string, unknown>);
  if (request.op !== 'where.get' && list.length === 0) {
    return { status: 404, body: { errCode: CLIENT_ERROR_CODES.REQUEST_FAILED, errMsg: `${API[request.op]}:fail cannot find document with _id ${request.docId}, please make sure that the document exists and you have the corresponding permission` } };
  }
  const rule = request.op.endsWith('get') ? rules.read : rules.write;
  if (!list.every((doc) => allows(rule, { doc, auth }))) return permissionDenied(request.op);
  if (request.op === 'doc.get' || request.op === 'where.get') {
    const page = list.slice(0, request.op === 'doc.get' ? 1 : (request.limit ?? CLIENT_QUERY_LIMIT));
    return { status: 200, body: { list: page.map((doc) => EJSON.stringify(doc, { relaxed: false })) } };
  }
  return writeDocument(request, collectionName, query, admin);
}

async function writeDocument(request: ClientDatabaseRequest, collectionName: string, query: string, admin: Admin): Promise<Answer> {
  if (request.op === 'doc.remove') {
    return relay(await admin({ action: 'database.removeDocument', collectionName, query, queryType: 'DOC' }), (data) => ({ deleted: (data as { deleted?: number })?.deleted }));
  }
  const set = { $set: parseDocument(request.data) ?? {} };
  return relay(await admin({ action: 'database.modifyDocument', collectionName, query, queryType: 'DOC', data: EJSON.stringify(set, { relaxed: false }) }), (data) => ({ updated: (data as { updated?: number })?.updated }));
}

function allows(rule: RuleNode, scope: RuleScope): boolean {
  return evaluateRule(rule, scope);
}

function parseDocument(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  const value = EJSON.parse(text, { relaxed: true }) as unknown;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function relay(answer: Record<string, unknown>, pick: (data: unknown) => Record<string, unknown>): Answer {
  if (typeof answer.code === 'string') return { status: 400, body: { errCode: CLIENT_ERROR_CODES.DATABASE_REQUEST_FAILED, errMsg: `database request fail | errMsg: ${String(answer.message)}` } };
  return { status: 200, body: pick(answer.data) };
}
