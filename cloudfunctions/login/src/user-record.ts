/**
 * The users document and the writes a login makes to it, decided from inputs alone.
 *
 * One clock: every timestamp of a login comes from the function's `now` (server time, never the
 * client's), so a first login can return exactly what it stored without reading it back, and
 * `lastLoginAt` only moves forward (`max`) even when two logins of one user race.
 */
import type { User } from '../../../typings';
import type { Caller } from './caller';

export const USERS_COLLECTION = 'users';

export interface UserDocument {
  _id: string;
  _openid: string;
  appid: string;
  unionid?: string;
  createdAt: Date;
  lastLoginAt: Date;
  loginCount: number;
  /** The attempt that made the last counted login: a retry of it must not count again. */
  lastAttemptId: string;
}

/** A returning login: applied only to `_id` whose `lastAttemptId` differs from `attemptId`. */
export interface ReturningLoginChange {
  _id: string;
  attemptId: string;
  set: { lastAttemptId: string; unionid?: string };
  maxLastLoginAt: Date;
  incLoginCount: 1;
}

export function newUserDocument(caller: Caller, now: Date, attemptId: string): UserDocument {
  return {
    _id: caller.openid,
    _openid: caller.openid,
    appid: caller.appid,
    ...(caller.unionid ? { unionid: caller.unionid } : {}),
    createdAt: now,
    lastLoginAt: now,
    loginCount: 1,
    lastAttemptId: attemptId,
  };
}

/** A unionid is written only when the platform gave one: a known unionid is never cleared. */
export function returningLoginChange(caller: Caller, now: Date, attemptId: string): ReturningLoginChange {
  return {
    _id: caller.openid,
    attemptId,
    set: { lastAttemptId: attemptId, ...(caller.unionid ? { unionid: caller.unionid } : {}) },
    maxLastLoginAt: now,
    incLoginCount: 1,
  };
}

/** Applies a change to a document in memory: what the database does, for in-memory stores. */
export function applyReturningLogin(document: UserDocument, change: ReturningLoginChange): UserDocument {
  return {
    ...document,
    ...change.set,
    lastLoginAt: document.lastLoginAt > change.maxLastLoginAt ? document.lastLoginAt : change.maxLastLoginAt,
    loginCount: document.loginCount + change.incLoginCount,
  };
}

export function toUser(document: UserDocument): User {
  return {
    openid: document._openid,
    appid: document.appid,
    ...(document.unionid ? { unionid: document.unionid } : {}),
    createdAt: toDate(document.createdAt).toISOString(),
    lastLoginAt: toDate(document.lastLoginAt).toISOString(),
    loginCount: document.loginCount,
  };
}

/** Exactly one login of a user sees loginCount 1, because every count comes from an atomic write. */
export function isFirstLogin(document: UserDocument): boolean {
  return document.loginCount === 1;
}

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}
