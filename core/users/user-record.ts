/**
 * The users document and the writes a login makes to it, decided from inputs alone.
 *
 * One clock: every timestamp of a login comes from the function's `now` (server time, never the
 * client's), so a first login can return exactly what it stored without reading it back, and
 * `lastLoginAt` only moves forward (`max`) even when two logins of one user race.
 */
import type { User } from '../../typings';
import type { Caller } from '../kit/caller';

export const USERS_COLLECTION = 'users';

/**
 * How many of a user's latest attempt ids the document remembers. Remembering only the last one
 * is not enough: two phones of one user whose answers are both lost take turns being "last", and
 * each retry would count again. A retry is recognised as long as fewer than this many other logins
 * of the same user have landed since its own (seconds apart at most: the retries of one attempt).
 */
export const RECENT_ATTEMPTS_KEPT = 16;

export interface UserDocument {
  _id: string;
  _openid: string;
  appid: string;
  unionid?: string;
  createdAt: Date;
  lastLoginAt: Date;
  loginCount: number;
  /** The latest RECENT_ATTEMPTS_KEPT counted attempts, oldest first: their retries must not count again. */
  recentAttemptIds: string[];
  /** The attempt whose insert created the document: its retry is still the user's first login. */
  createdByAttemptId: string;
  /** Set by updateProfile (profile-record.ts). */
  nickName?: string;
  avatarFileId?: string;
  /** Set by bindPhone; the security rule lets only the user read the document. */
  phone?: StoredPhone;
  profileUpdatedAt?: Date;
}

/** A bound phone number, with a digest of the code that bound it (a retry of that bind is recognised). */
export interface StoredPhone {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
  boundAt: Date;
  codeDigest: string;
}

/**
 * A returning login: applied only to `_id` when `attemptId` is not among its `recentAttemptIds`;
 * appends `attemptId` to them, keeping the latest `keepAttempts`.
 */
export interface ReturningLoginChange {
  _id: string;
  attemptId: string;
  set: { unionid?: string };
  maxLastLoginAt: Date;
  incLoginCount: 1;
  keepAttempts: number;
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
    recentAttemptIds: [attemptId],
    createdByAttemptId: attemptId,
  };
}

/** A unionid is written only when the platform gave one: a known unionid is never cleared. */
export function returningLoginChange(caller: Caller, now: Date, attemptId: string): ReturningLoginChange {
  return {
    _id: caller.openid,
    attemptId,
    set: caller.unionid ? { unionid: caller.unionid } : {},
    maxLastLoginAt: now,
    incLoginCount: 1,
    keepAttempts: RECENT_ATTEMPTS_KEPT,
  };
}

/** True when this attempt was already counted in the document (a retry whose answer was lost). */
export function hasCountedAttempt(document: UserDocument, attemptId: string): boolean {
  return document.recentAttemptIds.includes(attemptId);
}

/** Applies a change to a document in memory: what the database does, for in-memory stores. */
export function applyReturningLogin(document: UserDocument, change: ReturningLoginChange): UserDocument {
  return {
    ...document,
    ...change.set,
    lastLoginAt: document.lastLoginAt > change.maxLastLoginAt ? document.lastLoginAt : change.maxLastLoginAt,
    loginCount: document.loginCount + change.incLoginCount,
    recentAttemptIds: [...document.recentAttemptIds, change.attemptId].slice(-change.keepAttempts),
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

/**
 * Whether this attempt was the user's first login: the attempt that inserted the document, even
 * when its answer was lost and a retry finds the document already counted by later logins.
 */
export function isFirstLogin(document: UserDocument, attemptId: string): boolean {
  return document.createdByAttemptId === attemptId;
}

function toDate(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}
