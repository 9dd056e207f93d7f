/**
 * The mini-program's login: one in flight however many callers ask, retried with backoff while
 * the failure is retryable, the user cached so the next launch shows it at once.
 *
 * Pure of `wx`: its I/O comes in through AuthDeps (see wx-auth.ts for the real ones), so tests
 * run it in Node with small in-memory implementations.
 *
 * @example
 *   const auth = new AuthService(createWxAuthDeps());
 *   auth.start();
 *   const state = await auth.whenSettled();
 */
import type { User } from '../../typings/login';
import type { AuthListener, AuthState } from './auth-state';
import { toLoginResult, type CallLogin, type ClientLoginResult } from './login-transport';

export interface KeyValueStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export interface AuthDeps {
  callLogin: CallLogin;
  storage: KeyValueStorage;
  sleep(ms: number): Promise<void>;
  /** A fresh attempt id: 8-64 characters of A-Z a-z 0-9 _ -. */
  newAttemptId(): string;
  /** In [0, 1): spreads the retries of many devices apart. */
  random(): number;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 4000 };
export const USER_CACHE_KEY = 'auth.user.v1';

export class AuthService {
  private state: AuthState = { status: 'loading' };
  private readonly listeners = new Set<AuthListener>();
  private inFlight: Promise<AuthState> | null = null;

  constructor(
    private readonly deps: AuthDeps,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  ) {}

  /** For app.onLaunch: shows the cached user at once, then logs in to refresh it. */
  start(): Promise<AuthState> {
    const cached = this.readCachedUser();
    if (cached) this.setState({ status: 'signedIn', user: cached, isNewUser: false, fromCache: true });
    return this.login();
  }

  /** Logs in; a call while a login is in flight joins it instead of starting another. */
  login(): Promise<AuthState> {
    if (!this.inFlight) {
      this.inFlight = this.runLogin().finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  /**
   * Logs out on this device: forgets the cached user and shows the signed-out state. WeChat's
   * identity stays with the phone, so the next `login()` signs the same user in again (or a new
   * user, once the account was deleted).
   */
  logout(): void {
    this.deps.storage.set(USER_CACHE_KEY, null);
    this.setState({ status: 'signedOut' });
  }

  getState(): AuthState {
    return this.state;
  }

  /** Resolves once no login is in flight: with the signed-in state or the failure. */
  whenSettled(): Promise<AuthState> {
    return this.inFlight ?? Promise.resolve(this.state);
  }

  /** Calls the listener now and on every change; returns the way to stop. */
  subscribe(listener: AuthListener): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  private async runLogin(): Promise<AuthState> {
    if (this.state.status === 'failed')
      this.setState(this.state.cachedUser ? this.cachedState(this.state.cachedUser) : { status: 'loading' });
    if (this.state.status === 'signedOut') this.setState({ status: 'loading' });
    const result = await this.callWithRetries();
    if (result.ok) {
      this.deps.storage.set(USER_CACHE_KEY, result.data.user);
      this.setState({ status: 'signedIn', user: result.data.user, isNewUser: result.data.isNewUser, fromCache: false });
    } else {
      this.setState({ status: 'failed', error: result.error, cachedUser: this.knownUser() });
    }
    return this.state;
  }

  /**
   * Every try of one login carries the same attempt id, so the server counts it once. A device with no user
   * stored says so, and the login tries the insert first: most such users are new.
   */
  private async callWithRetries(): Promise<ClientLoginResult> {
    const attemptId = this.deps.newAttemptId();
    const event = this.knownUser() ? { attemptId } : { attemptId, newOnDevice: true };
    for (let attempt = 1; ; attempt++) {
      const result = toLoginResult(await this.deps.callLogin(event));
      if (result.ok || !result.error.retryable || attempt >= this.policy.maxAttempts) return result;
      await this.deps.sleep(this.backoffMs(attempt));
    }
  }

  /** Exponential backoff with full jitter: base * 2^(n-1), capped, times a random factor in [0.5, 1). */
  private backoffMs(attempt: number): number {
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling * (0.5 + this.deps.random() / 2));
  }

  private knownUser(): User | null {
    if (this.state.status === 'signedIn') return this.state.user;
    if (this.state.status === 'failed') return this.state.cachedUser;
    return this.readCachedUser();
  }

  private cachedState(user: User): AuthState {
    return { status: 'signedIn', user, isNewUser: false, fromCache: true };
  }

  private readCachedUser(): User | null {
    const value = this.deps.storage.get(USER_CACHE_KEY) as Partial<User> | null | undefined;
    const valid =
      value &&
      typeof value.openid === 'string' &&
      typeof value.loginCount === 'number' &&
      typeof value.createdAt === 'string';
    return valid ? (value as User) : null;
  }

  private setState(next: AuthState): void {
    this.state = next;
    for (const listener of this.listeners) listener(next);
  }
}
