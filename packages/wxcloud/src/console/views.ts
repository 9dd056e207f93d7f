/**
 * What the console shows, made from the services' own records: invocations, phones, users and
 * documents as the shared API types. Openids and unionids are masked the way the mini-program's
 * page masks them, wherever they appear (caller, event, result, logs, page data).
 */
import { EJSON, ObjectId } from 'bson';
import { maskOpenid } from './mask';
import type { InvocationRecord } from '../functions/invocation-log';
import type { LaunchedPhone } from '../phone/service';
import type { DocumentView, InvocationView, PhoneView, UserRow } from './api-types';

/** Replaces every occurrence of the given ids in `text` by its mask. */
export function maskIds(text: string, ids: ReadonlyArray<string | undefined>): string {
  let masked = text;
  for (const id of ids) if (id) masked = masked.split(id).join(maskOpenid(id));
  return masked;
}

export function invocationView(record: InvocationRecord): InvocationView {
  const ids = [record.openid, record.unionid];
  const mask = (text: string | undefined) => (text === undefined ? null : maskIds(text, ids));
  return {
    requestId: record.requestId,
    functionName: record.functionName,
    startedAt: record.startedAt,
    durationMs: Math.round(record.durationMs * 10) / 10,
    coldStart: record.coldStart,
    resultCode: record.resultCode,
    caller: {
      openid: record.openid ? maskOpenid(record.openid) : null,
      unionid: record.unionid ? maskOpenid(record.unionid) : null,
      appid: record.appid ?? null,
      source: record.source ?? null,
    },
    event: mask(record.eventJson),
    result: mask(record.resultJson),
    error: mask(record.errorMessage),
    logs: record.logs.map((line) => ({ level: line.level, text: maskIds(line.text, ids), at: line.at })),
  };
}

export function phoneView(phone: LaunchedPhone): PhoneView {
  const user = phone.device.user;
  const ids = [user.OPENID, user.UNIONID];
  const top = phone.launch.pages().at(-1);
  return {
    id: phone.id,
    label: phone.id.replace('phone-', '手机 Phone '),
    openid: maskOpenid(user.OPENID),
    unionid: user.UNIONID ? maskOpenid(user.UNIONID) : null,
    appid: user.APPID,
    open: phone.open(),
    page: top ? { route: top.route, data: maskIds(JSON.stringify(top.data, null, 2), ids), taps: phone.taps() } : null,
    calls: phone.launch.calls.map((call) => ({
      name: call.name,
      ok: call.ok,
      durationMs: Math.round(call.endedAt - call.startedAt),
      answer: maskIds(JSON.stringify(call.answer ?? null), ids),
    })),
  };
}

/** A document from the service's canonical EJSON text, as relaxed EJSON (dates and ObjectIds tagged). */
export function documentView(canonical: string): DocumentView {
  const value = EJSON.parse(canonical, { relaxed: false }) as Record<string, unknown>;
  const ejson = EJSON.serialize(value, { relaxed: true }) as Record<string, unknown>;
  const id = ejson._id;
  return {
    id:
      typeof id === 'number' || typeof id === 'string'
        ? id
        : value._id instanceof ObjectId
          ? { $oid: value._id.toHexString() }
          : JSON.stringify(id),
    ejson,
  };
}

/** Fields with a column of their own, or the login's bookkeeping: the rest are profile fields. */
const BOOKKEEPING: readonly string[] = [
  '_id',
  '_openid',
  'appid',
  'unionid',
  'createdAt',
  'lastLoginAt',
  'loginCount',
  'recentAttempts',
  'createdByAttemptId',
];
/** `recentAttemptIds`: what earlier versions of the login kept, still in older documents. */
const NOT_PROFILE: ReadonlySet<string> = new Set([...BOOKKEEPING, 'recentAttemptIds']);

/** A row of the users table from a `users` document (relaxed EJSON). */
export function userRow(doc: Record<string, unknown>): UserRow {
  const openid = typeof doc._openid === 'string' ? doc._openid : String(doc._id);
  const profile: Record<string, string> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!NOT_PROFILE.has(key)) profile[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return {
    openid: maskOpenid(openid),
    unionid: typeof doc.unionid === 'string' ? maskOpenid(doc.unionid) : null,
    appid: typeof doc.appid === 'string' ? doc.appid : null,
    createdAt: dateText(doc.createdAt),
    lastLoginAt: dateText(doc.lastLoginAt),
    loginCount: typeof doc.loginCount === 'number' ? doc.loginCount : null,
    profile,
  };
}

function dateText(value: unknown): string | null {
  if (value && typeof value === 'object' && '$date' in value) {
    const date = (value as { $date: unknown }).$date;
    return new Date(
      typeof date === 'string' ? date : Number((date as { $numberLong?: string }).$numberLong),
    ).toISOString();
  }
  return typeof value === 'string' ? value : null;
}
