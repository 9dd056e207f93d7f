/**
 * Sorts what wx-server-sdk throws (or node-sdk returns) into the few kinds a login acts on.
 * wx-server-sdk maps service codes to numbers (TCB_ERR_CODE) and keeps the service's message;
 * node-sdk answers with the string code itself. Both forms are recognised.
 */
import type { StoreFailureKind } from './users-store';

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
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED']);
const TRANSIENT_MESSAGE = /socket hang up|timed? ?out|ECONNRESET|ECONNREFUSED|network|\b50[234]\b|Bad Gateway|Service Unavailable/i;
const DUPLICATE_MESSAGE = /DATABASE_DUPLICATE_WRITE|E11000 duplicate key/;
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
  if (code === 'DATABASE_COLLECTION_NOT_EXIST' || e.errCode === COLLECTION_NOT_EXIST || COLLECTION_MISSING_MESSAGE.test(text)) {
    return 'collection-missing';
  }
  if (code && (TRANSIENT_SERVICE_CODES.has(code) || TRANSIENT_NETWORK_CODES.has(code))) return 'transient';
  if (e.errCode === SERVER_TIMEOUT || e.errCode === EXCEED_CONCURRENT_REQUEST_LIMIT) return 'transient';
  if (TRANSIENT_MESSAGE.test(text)) return 'transient';
  return 'fatal';
}

export function describeError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const e = error as ErrorLike;
  const message = typeof e.errMsg === 'string' ? e.errMsg : typeof e.message === 'string' ? e.message : 'unknown error';
  return typeof e.code === 'string' ? `${e.code}: ${message}` : message;
}
