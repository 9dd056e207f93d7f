/**
 * The seam between the login logic and the database: what a login needs, nothing more.
 * `cloud-users-store.ts` implements it with wx-server-sdk (or node-sdk); tests use an in-memory one.
 */
import type { ProfileChange } from './profile-record';
import type { AccountCache, AttemptsPruning, ReturningLoginChange, UserDocument } from './user-record';

export { StoreError, type StoreFailureKind } from '../kit/store-error';

export interface UsersStore {
  /**
   * Applies a returning login to the user's document in one request, unless that document has
   * already counted the change's attempt (one of its `recentAttempts`). Returns the document
   * after the change, or null when nothing matched (no such user, or this attempt was already counted).
   */
  recordReturningLogin(change: ReturningLoginChange): Promise<UserDocument | null>;
  /** Inserts a new user. Throws StoreError 'duplicate' if `_id` exists, 'collection-missing' if needed. */
  insertUser(document: UserDocument): Promise<void>;
  findUser(id: string): Promise<UserDocument | null>;
  /** Replaces `recentAttempts` if `loginCount` is still the pruning's; true when it was applied. */
  pruneAttempts(pruning: AttemptsPruning): Promise<boolean>;
  /** Creates the users collection; succeeds if it already exists. */
  createCollection(): Promise<void>;
  /**
   * Sets profile fields of an existing user in one request (idempotent: the same change twice
   * leaves the same document). Returns the document after it, or null when there is no such user.
   */
  updateProfile(id: string, change: ProfileChange): Promise<UserDocument | null>;
  /**
   * Remembers the account the user's identity is linked to, in one conditional update: only when the
   * document remembers none, or one linked without a UnionID, so a slower concurrent login cannot put
   * back what a join replaced (a join always comes with a UnionID). True when applied.
   */
  setAccount(id: string, account: AccountCache): Promise<boolean>;
  /** Removes the user's document; true if one was removed (a retry after a lost answer gets false). */
  removeUser(id: string): Promise<boolean>;
}
