/**
 * Sorts what wx-server-sdk throws (or node-sdk returns) into the few kinds a login acts on.
 * wx-server-sdk maps service codes to numbers (TCB_ERR_CODE) and keeps the service's message;
 * node-sdk answers with the string code itself. Both forms are recognised.
 *
 * Shapes seen from the real SDKs (wx-server-sdk 4.0.2 / node-sdk 3.17) under injected faults:
 *   HTTP 5xx   node-sdk: TcbError { code: 503, message: '503 Service Unavailable | [url]' }
 *              wx-server-sdk: { errCode: -501001, errMsg:
 *                'collection.add:fail -501001 resource system error. 500 Internal Server Error | [url]' }
 *   reset      node-sdk: Error { code: 'ECONNRESET', message: 'read ECONNRESET' }
 *              wx-server-sdk: { errCode: -501001, errMsg: '... resource system error. read ECONNRESET' }
 *   timeout    node-sdk: Error { code: 'ESOCKETTIMEDOUT', message: 'request timeout' }
 *              wx-server-sdk: { errCode: -501001, errMsg: '... resource system error. request timeout' }
 * -501001 alone says nothing (the SDK gives it to every code it does not know): the text decides.
 */
import { StoreError, type StoreFailureKind } from './store-error';

const COLLECTION_NOT_EXIST = -502005;
const SERVER_TIMEOUT = -501002;
const EXCEED_CONCURRENT_REQUEST_LIMIT = -501004;

const TRANSIENT_SERVICE_CODES = new Set([
  'SERVER_TIMEOUT',
  'DATABASE_TIMEOUT',
  'EXCEED_CONCURRENT_REQUEST_LIMIT',
  'EXCEED_REQUEST_LIMIT',
  'SYS_ERR',
]);
const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ECONNABORTED',
]);
const TRANSIENT_MESSAGE =
  /socket hang up|timed? ?out|ECONNRESET|ECONNREFUSED|EPIPE|network|\b50[234]\b|Bad Gateway|Service Unavailable/i;
/** node-sdk's text for a non-200 answer: `${status} ${STATUS_CODES[status]} | [url]`. */
const HTTP_5XX_MESSAGE = /(?:^|[\s.])5\d\d [A-Za-z][A-Za-z -]* \| \[/;
/**
 * wx-server-sdk has no number for DATABASE_DUPLICATE_WRITE: it throws -501001 and keeps only the
 * message (the emulator's "duplicate _id ..."; the service's "E11000 duplicate key ..."), so the
 * text must be recognised too, or a lost race of two first logins would end in INTERNAL.
 */
const DUPLICATE_MESSAGE = /DATABASE_DUPLICATE_WRITE|E11000 duplicate key|duplicate key error|duplicate _id/;
const COLLECTION_MISSING_MESSAGE = /DATABASE_COLLECTION_NOT_EXIST|collection not exist/i;

interface ErrorLike {
  code?: unknown;
  errCode?: unknown;
  message?: unknown;
  errMsg?: unknown;
}

export function classifyDatabaseError(error: unknown): StoreFailureKind {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const text = [e.errMsg, e.message].filter((part) => typeof part === 'string').join(' ');

  if (code === 'DATABASE_DUPLICATE_WRITE' || DUPLICATE_MESSAGE.test(text)) return 'duplicate';
  if (
    code === 'DATABASE_COLLECTION_NOT_EXIST' ||
    e.errCode === COLLECTION_NOT_EXIST ||
    COLLECTION_MISSING_MESSAGE.test(text)
  ) {
    return 'collection-missing';
  }
  if (code && (TRANSIENT_SERVICE_CODES.has(code) || TRANSIENT_NETWORK_CODES.has(code))) return 'transient';
  if (e.errCode === SERVER_TIMEOUT || e.errCode === EXCEED_CONCURRENT_REQUEST_LIMIT) return 'transient';
  if (isHttp5xx(e.code)) return 'transient';
  if (TRANSIENT_MESSAGE.test(text) || HTTP_5XX_MESSAGE.test(text)) return 'transient';
  return 'fatal';
}

/** node-sdk puts the HTTP status of a non-200 answer in `code` (a number). */
function isHttp5xx(code: unknown): boolean {
  return typeof code === 'number' && code >= 500 && code <= 599;
}

export function describeError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const e = error as ErrorLike;
  const message = typeof e.errMsg === 'string' ? e.errMsg : typeof e.message === 'string' ? e.message : 'unknown error';
  return typeof e.code === 'string' || typeof e.code === 'number' ? `${e.code}: ${message}` : message;
}

/** Runs one store request; any failure becomes a StoreError of its kind (a StoreError passes as it is). */
export async function asStoreErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(classifyDatabaseError(error), describeError(error));
  }
}
