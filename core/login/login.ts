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
  type AccountCache,
  attemptsPruning,
  cachedAccountId,
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
  /** Links a first login's identity beside its insert (docs/accounts.md); without it, linking is the caller's. */
  newUserAccounts?: NewUserAccounts;
}

/** Account linking run beside a new user's insert, so that a first login waits for one round trip less. */
export interface NewUserAccounts {
  /** The account the identity's link is expected to hold, remembered by the new document; none: not linked here. */
  expected(caller: Caller): AccountCache | undefined;
  /** Links the identity (safe to repeat) and answers the account its link holds. */
  link(caller: Caller): Promise<string>;
}

export async function login(deps: LoginDeps, event: unknown, context: WXContextLike): Promise<LoginResult> {
  const parsed = parseEvent(LoginEventSchema, event);
  if (!parsed.ok) return parsed;
  const caller = resolveCaller(context);
  if (!caller) return { ok: false, error: errorBody('UNAUTHENTICATED') };

  const attemptId = parsed.data.attemptId ?? deps.newAttemptId();
  const linking = newUserLinking(deps.newUserAccounts, caller);
  try {
    const insertFirst = parsed.data.newOnDevice === true;
    const upserted = await withRetries('login', deps, () =>
      upsertLogin(deps.store, caller, deps.now(), attemptId, { linking, insertFirst }),
    );
    const document =
      linking && isFirstLogin(upserted, attemptId) ? await linking.settle(deps.store, upserted) : upserted;
    await forgetOldAttempts(deps, document);
    const accountId = cachedAccountId(document);
    return {
      ok: true,
      data: {
        user: toUser(document),
        isNewUser: isFirstLogin(document, attemptId),
        ...(accountId ? { accountId } : {}),
      },
    };
  } catch (error) {
    return { ok: false, error: failureBody('login', error, deps.log) };
  } finally {
    // Nothing of a login runs on after it answers: a function's work left running may never finish.
    await linking?.done();
  }
}

/**
 * One login, idempotent for one attempt id, so the whole of it may be retried:
 * 1. a returning user: one conditional update that returns the document (no collection yet: no user),
 *    skipped when the device knows no user (`insertFirst`): most such users are new;
 * 2. otherwise insert the new user (creating the collection if the environment is fresh);
 * 3. the insert lost to a concurrent first login, or an earlier try of this attempt already landed:
 *    the update again, then, if this attempt was already counted, the document as that count left it.
 */
export async function upsertLogin(
  store: UsersStore,
  caller: Caller,
  now: Date,
  attemptId: string,
  { linking, insertFirst = false }: { linking?: NewUserLinking; insertFirst?: boolean } = {},
): Promise<UserDocument> {
  const change = returningLoginChange(caller, now, attemptId);
  if (!insertFirst) {
    const returning = await store.recordReturningLogin(change).catch(noUserIfCollectionMissing);
    if (returning) return returning;
  }

  const fresh = newUserDocument(caller, now, attemptId, linking?.expected);
  linking?.start(); // beside the insert; its own retries, not each try of this one, bound how long it takes
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

/**
 * A new user's link, started at most once per login beside the insert (or after it, when a retry found the document
 * inserted already), and settled before the answer: the document then remembers the account its link holds.
 */
interface NewUserLinking {
  expected: AccountCache;
  /** Starts the link (once); its outcome waits for `settle`. */
  start(): void;
  /** Settles when the link started has (at once when none was). */
  done(): Promise<void>;
  settle(store: UsersStore, document: UserDocument): Promise<UserDocument>;
}

function newUserLinking(accounts: NewUserAccounts | undefined, caller: Caller): NewUserLinking | undefined {
  const expected = accounts?.expected(caller);
  if (!accounts || !expected) return undefined;
  let outcome: Promise<{ id: string } | { error: unknown }> | undefined;
  const start = () =>
    (outcome ??= accounts.link(caller).then(
      (id) => ({ id }),
      (error: unknown) => ({ error }),
    ));
  return {
    expected,
    start: () => void start(),
    done: async () => void (await outcome),
    async settle(store, document) {
      const linked = await start();
      if ('error' in linked) throw linked.error;
      if (document.account?.id === linked.id) return document;
      // The identity was linked before this document existed (a user who deleted their account and came back).
      await store.setAccount(document._id, { id: linked.id });
      return { ...document, account: { id: linked.id } };
    },
  };
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
