/** The login state a page can show, and the events that move it. */
import type { ErrorCode } from '../shared/error-codes';
import type { User } from '../../typings/login';

export interface AuthError {
  code: ErrorCode;
  message: string;
  retryable: boolean;
}

export type AuthState =
  /** A login is in flight and nothing is known yet. */
  | { status: 'loading' }
  /** `fromCache`: the user saved by an earlier launch, shown at once while a login refreshes it. */
  | { status: 'signedIn'; user: User; isNewUser: boolean; fromCache: boolean }
  /** The last login failed; `cachedUser` is the last known user, if any, still worth showing. */
  | { status: 'failed'; error: AuthError; cachedUser: User | null }
  /** The user logged out (or deleted the account): nothing cached, no login until asked. */
  | { status: 'signedOut' };

export type AuthListener = (state: AuthState) => void;
