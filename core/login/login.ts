/**
 * The login itself: validate the event, resolve the caller, upsert the user, answer with a typed
 * result. I/O goes through the UsersStore seam; time, ids and waiting are injected.
 */
import { errorBody, LoginEventSchema, type LoginResult } from '../../typings';
import { failureBody, parseEvent } from '../kit/answers';
import { resolveCaller, type Caller, type WXContextLike } from '../kit/caller';
import { withRetries, type RetryDeps } from '../kit/retries';
import { isStoreError, StoreError } from '../kit/store-error';
import {
  asCountedBy,
  attemptsPruning,
  hasCountedAttempt,
  isFirstLogin,
  newUserDocument,
  returningLoginChange,
  toUser,
  type UserDocument,
} from '../users/user-record';
import type { UsersStore } from '../users/users-store';

export interface LoginDeps extends RetryDeps {
  store: UsersStore;
  now(): Date;
  newAttemptId(): string;
}

export async function login(deps: LoginDeps, event: unknown, context: WXContextLike): Promise<LoginResult> {
  const parsed = parseEvent(LoginEventSchema, event);
  if (!parsed.ok) return parsed;
  const caller = resolveCaller(context);
  if (!caller) return { ok: false, error: errorBody('UNAUTHENTICATED') };

  const attemptId = parsed.data.attemptId ?? deps.newAttemptId();
  try {
    const document = await withRetries('login', deps, () => upsertLogin(deps.store, caller, deps.now(), attemptId));
    await forgetOldAttempts(deps, document);
    return { ok: true, data: { user: toUser(document), isNewUser: isFirstLogin(document, attemptId) } };
  } catch (error) {
    return { ok: false, error: failureBody('login', error, deps.log) };
  }
}

/**
 * One login, idempotent for one attempt id, so the whole of it may be retried:
 * 1. a returning user: one conditional update that returns the document (no collection yet: no user);
 * 2. otherwise insert the new user (creating the collection if the environment is fresh);
 * 3. the insert lost to a concurrent first login, or an earlier try of this attempt already landed:
 *    the update again, then, if this attempt was already counted, the document as that count left it.
 */
export async function upsertLogin(
  store: UsersStore,
  caller: Caller,
  now: Date,
  attemptId: string,
): Promise<UserDocument> {
  const change = returningLoginChange(caller, now, attemptId);
  const returning = await store.recordReturningLogin(change).catch(noUserIfCollectionMissing);
  if (returning) return returning;

  const fresh = newUserDocument(caller, now, attemptId);
  try {
    await insertCreatingCollection(store, fresh);
    return fresh;
  } catch (error) {
    if (!isStoreError(error, 'duplicate')) throw error;
  }

  const afterRace = await store.recordReturningLogin(change);
  if (afterRace) return afterRace;
  const existing = await store.findUser(caller.openid);
  if (existing && hasCountedAttempt(existing, attemptId)) return asCountedBy(existing, attemptId);
  // The document went away or was replaced between these requests: trying the login again from
  // the start counts it exactly once (its attempt is in no document), so this is retryable.
  throw new StoreError('transient', 'the user document changed while this login ran');
}

/** Best effort: the login is counted already, so a failed pruning is left to the next login. */
async function forgetOldAttempts(deps: LoginDeps, document: UserDocument): Promise<void> {
  const pruning = attemptsPruning(document, deps.now());
  if (!pruning) return;
  await deps.store
    .pruneAttempts(pruning)
    .catch((error: unknown) => deps.log?.(`login: attempts not pruned this time: ${String(error)}`));
}

function noUserIfCollectionMissing(error: unknown): null {
  if (isStoreError(error, 'collection-missing')) return null;
  throw error;
}

async function insertCreatingCollection(store: UsersStore, document: UserDocument): Promise<void> {
  try {
    await store.insertUser(document);
  } catch (error) {
    if (!isStoreError(error, 'collection-missing')) throw error;
    await store.createCollection();
    await store.insertUser(document);
  }
}
