/**
 * The login itself: validate the event, resolve the caller, upsert the user, answer with a typed
 * result. I/O goes through the UsersStore seam; time, ids and waiting are injected.
 */
import { errorBody, formatZodError, LoginEventSchema, type LoginResult } from '../../../typings';
import { resolveCaller, type Caller, type WXContextLike } from './caller';
import { hasCountedAttempt, isFirstLogin, newUserDocument, returningLoginChange, toUser, type UserDocument } from './user-record';
import { StoreError, type UsersStore } from './users-store';

export interface LoginDeps {
  store: UsersStore;
  now(): Date;
  newAttemptId(): string;
  sleep(ms: number): Promise<void>;
  /** Waits before each retry of a transient database failure; its length bounds the retries. */
  retryDelaysMs?: readonly number[];
  log?(message: string): void;
}

/** Short enough to stay well inside the function's timeout (config.json), long enough to ride out a blip. */
export const DEFAULT_RETRY_DELAYS_MS = [100, 400] as const;

export async function login(deps: LoginDeps, event: unknown, context: WXContextLike): Promise<LoginResult> {
  const parsed = LoginEventSchema.safeParse(event ?? {});
  if (!parsed.success) {
    return { ok: false, error: errorBody('INVALID_ARGUMENT', formatZodError(parsed.error)) };
  }
  const caller = resolveCaller(context);
  if (!caller) return { ok: false, error: errorBody('UNAUTHENTICATED') };

  const attemptId = parsed.data.attemptId ?? deps.newAttemptId();
  try {
    const document = await withRetries(deps, () => upsertLogin(deps.store, caller, deps.now(), attemptId));
    return { ok: true, data: { user: toUser(document), isNewUser: isFirstLogin(document, attemptId) } };
  } catch (error) {
    return { ok: false, error: failureBody(error, deps) };
  }
}

/**
 * One login, idempotent for one attempt id, so the whole of it may be retried:
 * 1. a returning user: one conditional update that returns the document (no collection yet: no user);
 * 2. otherwise insert the new user (creating the collection if the environment is fresh);
 * 3. the insert lost to a concurrent first login, or an earlier try of this attempt already landed:
 *    the update again, then, if this attempt was already counted, its document as it stands.
 */
export async function upsertLogin(store: UsersStore, caller: Caller, now: Date, attemptId: string): Promise<UserDocument> {
  const change = returningLoginChange(caller, now, attemptId);
  const returning = await store.recordReturningLogin(change).catch(noUserIfCollectionMissing);
  if (returning) return returning;

  const fresh = newUserDocument(caller, now, attemptId);
  try {
    await insertCreatingCollection(store, fresh);
    return fresh;
  } catch (error) {
    if (!(error instanceof StoreError && error.kind === 'duplicate')) throw error;
  }

  const afterRace = await store.recordReturningLogin(change);
  if (afterRace) return afterRace;
  const existing = await store.findUser(caller.openid);
  if (existing && hasCountedAttempt(existing, attemptId)) return existing;
  throw new StoreError('fatal', 'the user document changed in a way a login cannot explain');
}

function noUserIfCollectionMissing(error: unknown): null {
  if (error instanceof StoreError && error.kind === 'collection-missing') return null;
  throw error;
}

async function insertCreatingCollection(store: UsersStore, document: UserDocument): Promise<void> {
  try {
    await store.insertUser(document);
  } catch (error) {
    if (!(error instanceof StoreError && error.kind === 'collection-missing')) throw error;
    await store.createCollection();
    await store.insertUser(document);
  }
}

async function withRetries<T>(deps: LoginDeps, run: () => Promise<T>): Promise<T> {
  const delays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const delay = delays[attempt];
      if (!(error instanceof StoreError && error.kind === 'transient') || delay === undefined) throw error;
      deps.log?.(`login: transient database failure, retrying in ${delay} ms: ${error.message}`);
      await deps.sleep(delay);
    }
  }
}

function failureBody(error: unknown, deps: LoginDeps) {
  if (error instanceof StoreError && error.kind === 'transient') return errorBody('UNAVAILABLE', error.message);
  // Never a raw stack to the client: the details go to the function's log.
  deps.log?.(`login: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return errorBody('INTERNAL');
}
