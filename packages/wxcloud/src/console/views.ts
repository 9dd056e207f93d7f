/**
 * What the console shows, made from the services' own records: invocations, phones, users and
 * documents as the shared API types. Openids, unionids and phone numbers are masked by the one rule
 * of mask.ts wherever they appear (caller, event, result, logs, page data, profile), paths excepted.
 */
import { EJSON, ObjectId } from 'bson';
import { maskOpenid, maskPhone, maskText } from './mask';
import type { InvocationRecord } from '../functions/invocation-log';
import type { PageInstance } from '../phone/pages';
import type { LaunchedPhone, PendingModal } from '../phone/service';
import type { DocumentView, InvocationView, PhoneView, UserRow } from './api-types';

export function invocationView(record: InvocationRecord): InvocationView {
  const ids = [record.openid, record.unionid];
  const mask = (text: string | undefined) => (text === undefined ? null : maskText(text, ids));
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
    logs: record.logs.map((line) => ({ level: line.level, text: maskText(line.text, ids), at: line.at })),
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
    page: top ? pageView(phone, top, ids) : null,
    modal: modalView(phone.modal()),
    actionSheet: phone.actionSheet() ?? null,
    avatarSheet: phone.avatarSheet(),
    phoneNumberSheet: phone.phoneNumberSheet() ?? null,
    toasts: phone.launch.dialogs.toasts.slice(-3).map((toast) => toast.title),
    calls: phone.launch.calls.map((call) => ({
      name: call.name,
      ok: call.ok,
      durationMs: Math.round(call.endedAt - call.startedAt),
      answer: maskText(JSON.stringify(call.answer ?? null), ids),
    })),
  };
}

function pageView(
  phone: LaunchedPhone,
  top: PageInstance,
  ids: Array<string | undefined>,
): NonNullable<PhoneView['page']> {
  return {
    route: top.route,
    data: maskText(JSON.stringify(top.data, null, 2), ids),
    taps: phone.taps().map(({ handler, label }) => ({ handler, label: maskText(label, ids) })),
    controls: phone.controls().map((control) => ({ ...control, label: maskText(control.label, ids) })),
    canGoBack: phone.launch.pages().length > 1,
    screen: phone.screen((text) => maskText(text, ids)),
  };
}

function modalView(modal: PendingModal | undefined): PhoneView['modal'] {
  if (!modal) return null;
  return {
    title: modal.title ?? '',
    content: modal.content ?? '',
    confirmText: modal.confirmText ?? '确定',
    cancelText: modal.cancelText ?? '取消',
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
  'profileUpdatedAt',
];
/** `recentAttemptIds`: what earlier versions of the login kept, still in older documents. */
const NOT_PROFILE: ReadonlySet<string> = new Set([...BOOKKEEPING, 'recentAttemptIds']);

/** A bound phone as the profile page shows it: masked, with a country code other than 86. */
function phoneText(value: unknown): string | undefined {
  const phone = value as { phoneNumber?: unknown; purePhoneNumber?: unknown; countryCode?: unknown } | null;
  const number =
    typeof phone?.purePhoneNumber === 'string'
      ? phone.purePhoneNumber
      : typeof phone?.phoneNumber === 'string'
        ? phone.phoneNumber
        : undefined;
  if (number === undefined) return undefined;
  const country = typeof phone?.countryCode === 'string' && phone.countryCode !== '86' ? `+${phone.countryCode} ` : '';
  return `${country}${maskPhone(number)}`;
}

/** A profile field as text: masked, without what only the functions need (a code's digest, a time stamp of binding). */
function profileText(key: string, value: unknown, ids: string[]): string {
  if (key === 'phone') return phoneText(value) ?? '-';
  if (typeof value === 'string') return maskText(value, ids);
  return maskText(
    JSON.stringify(value, (field, inner: unknown) => (field === 'codeDigest' ? undefined : inner)) ?? String(value),
    ids,
  );
}

/** A row of the users table from a `users` document (relaxed EJSON), whatever it holds. */
export function userRow(doc: Record<string, unknown>): UserRow {
  const openid =
    typeof doc._openid === 'string' ? doc._openid : typeof doc._id === 'string' ? doc._id : JSON.stringify(doc._id);
  const unionid = typeof doc.unionid === 'string' ? doc.unionid : undefined;
  const ids = [openid, ...(unionid ? [unionid] : [])];
  const profile: Record<string, string> = {};
  for (const [key, value] of Object.entries(doc))
    if (!NOT_PROFILE.has(key)) profile[key] = profileText(key, value, ids);
  return {
    openid: maskOpenid(openid),
    unionid: unionid ? maskOpenid(unionid) : null,
    appid: typeof doc.appid === 'string' ? doc.appid : null,
    createdAt: dateText(doc.createdAt),
    lastLoginAt: dateText(doc.lastLoginAt),
    loginCount: typeof doc.loginCount === 'number' ? doc.loginCount : null,
    profile,
  };
}

/** A stored date as ISO text; null for anything that is not a readable date (hand-added documents). */
function dateText(value: unknown): string | null {
  let raw: unknown = value;
  if (value && typeof value === 'object' && '$date' in value) {
    const date = (value as { $date: unknown }).$date;
    raw = typeof date === 'string' ? date : Number((date as { $numberLong?: string } | null)?.$numberLong);
  }
  // a plain number is not a date
  if (typeof raw !== 'string' && !(typeof raw === 'number' && raw !== value)) return null;
  const parsed = new Date(raw);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}
