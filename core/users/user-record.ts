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
 * How long a counted attempt is remembered, so that its retries are recognised: by time, not by
 * number. Keeping the latest N attempts failed under load: more than N logins of one user landing
 * between an attempt's lost answer and its retry pushed it out, and the retry counted again. The
 * retries of one attempt end within about a minute (the app's 4 tries with backoff, each inside the
 * function's 10 s timeout); ten minutes leaves a wide margin.
 */
export const ATTEMPT_MEMORY_MS = 10 * 60_000;
/** Attempts older than ATTEMPT_MEMORY_MS are dropped once the document holds more than this many. */
export const ATTEMPTS_BEFORE_PRUNING = 32;

/** One counted login attempt and the server time it was counted at. */
export interface CountedAttempt {
  id: string;
  at: Date;
}

export interface UserDocument {
  _id: string;
  _openid: string;
  appid: string;
  unionid?: string;
  createdAt: Date;
  lastLoginAt: Date;
  loginCount: number;
  /** The attempts counted in the last ATTEMPT_MEMORY_MS at least, oldest first: their retries must not count again. */
  recentAttempts: CountedAttempt[];
  /** The attempt whose insert created the document: its retry is still the user's first login. */
  createdByAttemptId: string;
  /** Set by updateProfile (profile-record.ts). */
  nickName?: string;
  avatarFileId?: string;
  /** Set by bindPhone; the security rule lets only the user read the document. */
  phone?: StoredPhone;
  profileUpdatedAt?: Date;
  /**
   * The person's account (docs/accounts.md) as last linked: lets a returning login answer its
   * accountId without reading the account links. The links are the truth; this is only a shortcut.
   */
  account?: AccountCache;
}

/** The account a user's identity was linked to, and the UnionID it was linked with. */
export interface AccountCache {
  id: string;
  unionid?: string;
}

/** A bound phone number, with a digest of the code that bound it (a retry of that bind is recognised). */
export interface StoredPhone {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
  boundAt: Date;
  codeDigest: string;
}

/** A returning login: applied only to `_id` when `attemptId` is not among its `recentAttempts`, appends it. */
export interface ReturningLoginChange {
  _id: string;
  attemptId: string;
  set: { unionid?: string };
  maxLastLoginAt: Date;
  incLoginCount: 1;
  counted: CountedAttempt;
}

/**
 * Drops attempts past their memory, applied only while `loginCount` is unchanged: a login counted
 * in between would otherwise be forgotten with them (the next login prunes instead).
 */
export interface AttemptsPruning {
  _id: string;
  loginCount: number;
  recentAttempts: CountedAttempt[];
}

export function newUserDocument(caller: Caller, now: Date, attemptId: string, account?: AccountCache): UserDocument {
  return {
    _id: caller.openid,
    _openid: caller.openid,
    appid: caller.appid,
    ...(caller.unionid ? { unionid: caller.unionid } : {}),
    createdAt: now,
    lastLoginAt: now,
    loginCount: 1,
    recentAttempts: [{ id: attemptId, at: now }],
    createdByAttemptId: attemptId,
    ...(account ? { account } : {}),
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
    counted: { id: attemptId, at: now },
  };
}

/** True when this attempt was already counted in the document (a retry whose answer was lost). */
export function hasCountedAttempt(document: UserDocument, attemptId: string): boolean {
  return (
    document.createdByAttemptId === attemptId ||
    (document.recentAttempts ?? []).some((attempt) => attempt.id === attemptId)
  );
}

/**
 * The document as this attempt left it, for a retry that finds its attempt already counted: every
 * counted login appended one entry, so the entries after its own are the logins counted since.
 * (The creating attempt was login 1, even once its entry is pruned.)
 */
export function asCountedBy(document: UserDocument, attemptId: string): UserDocument {
  const attempts = document.recentAttempts ?? [];
  const index = attempts.findIndex((attempt) => attempt.id === attemptId);
  if (index >= 0) return { ...document, loginCount: document.loginCount - (attempts.length - 1 - index) };
  return document.createdByAttemptId === attemptId ? { ...document, loginCount: 1 } : document;
}

/** The pruning a document needs after a login at `now`, if any. */
export function attemptsPruning(document: UserDocument, now: Date): AttemptsPruning | null {
  const attempts = document.recentAttempts ?? [];
  if (attempts.length <= ATTEMPTS_BEFORE_PRUNING) return null;
  const keep = attempts.filter((attempt) => now.getTime() - toDate(attempt.at).getTime() < ATTEMPT_MEMORY_MS);
  return keep.length < attempts.length
    ? { _id: document._id, loginCount: document.loginCount, recentAttempts: keep }
    : null;
}

/** Applies a change to a document in memory: what the database does, for in-memory stores. */
export function applyReturningLogin(document: UserDocument, change: ReturningLoginChange): UserDocument {
  return {
    ...document,
    ...change.set,
    lastLoginAt: document.lastLoginAt > change.maxLastLoginAt ? document.lastLoginAt : change.maxLastLoginAt,
    loginCount: document.loginCount + change.incLoginCount,
    recentAttempts: [...(document.recentAttempts ?? []), change.counted],
  };
}

/**
 * The accountId the document remembers, when it is still the answer: linked, and with the UnionID
 * the document now has (a UnionID that appeared since may join the identity to another account).
 */
export function cachedAccountId(document: UserDocument): string | undefined {
  const account = document.account;
  if (!account?.id) return undefined;
  return !document.unionid || account.unionid === document.unionid ? account.id : undefined;
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
