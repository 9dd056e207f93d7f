/**
 * The WeChat side of login, as state and plain operations (no HTTP): login codes, one session_key
 * per user (rotated by every `wx.login`, as WeChat may), access tokens, open data encryption.
 * Nothing grows without bound: a code is forgotten a while after it expires (and past
 * MAX_REMEMBERED_CODES the oldest go first); a new access token ends the app's previous ones after
 * WeChat's 5-minute overlap, and expired tokens are dropped.
 * Time and randomness are injected so tests can move the clock.
 */
import { createCipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { checkAppSecret, kindOf, type KnownApp } from './apps';
import { WechatError } from './errors';
import {
  ACCESS_TOKEN_OVERLAP_MS,
  ACCESS_TOKEN_TTL_SECONDS,
  CODE_EXCHANGES_PER_USER_PER_MINUTE,
  EXPIRED_CODE_KEPT_MS,
  LOGIN_CODE_TTL_MS,
  MAX_REMEMBERED_CODES,
  MAX_REMEMBERED_TOKENS,
  SESSION_KEY_BYTES,
} from './limits';

export interface WechatUser {
  openid: string;
  appid: string;
  unionid?: string;
}

/** A login code as the console lists it: never its session_key. */
export interface IssuedCodeView extends WechatUser {
  code: string;
  expiresAt: number;
  state: 'used' | 'expired' | 'valid';
}

/** What jscode2session answers. */
export interface CodeSession {
  openid: string;
  session_key: string;
  unionid?: string;
}

interface IssuedCode extends WechatUser {
  sessionKey: string;
  expiresAt: number;
  used: boolean;
}

interface AccessToken {
  appid: string;
  token: string;
  expiresAt: number;
  /** cgi-bin/token and cgi-bin/stable_token tokens are separate: a new one of one kind never ends the other's. */
  stable: boolean;
}

export interface WechatStateOptions {
  apps: KnownApp[];
  now?: () => number;
  random?: (bytes: number) => Buffer;
  exchangesPerMinute?: number;
}

const userKey = (appid: string, openid: string) => `${appid}\u0000${openid}`;

export class WechatState {
  private readonly apps = new Map<string, KnownApp>();
  private readonly codes = new Map<string, IssuedCode>();
  private readonly sessionKeys = new Map<string, string>();
  private readonly exchanges = new Map<string, number[]>();
  private readonly tokens = new Map<string, AccessToken>();
  private readonly stableTokens = new Map<string, AccessToken>();
  private busyAnswers = 0;
  private readonly now: () => number;
  private readonly random: (bytes: number) => Buffer;

  constructor(private readonly options: WechatStateOptions) {
    for (const app of options.apps) this.apps.set(app.appid, app);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? randomBytes;
  }

  knownApps(): KnownApp[] {
    return [...this.apps.values()].map((app) => ({ ...app }));
  }

  /** What `wx.login()` gives on this user's phone: a new code, and a new session_key for the user. */
  issueCode(user: WechatUser): string {
    const app = this.apps.get(user.appid);
    // wx.login exists only in mini-programs: a 公众号 or website app gets its codes from the OAuth pages.
    if (!app || kindOf(app) !== 'miniprogram') throw new WechatError('INVALID_APPID');
    const sessionKey = this.random(SESSION_KEY_BYTES).toString('base64');
    this.sessionKeys.set(userKey(user.appid, user.openid), sessionKey);
    const code = this.random(24).toString('base64url');
    this.forgetOldCodes();
    this.codes.set(code, { ...user, sessionKey, expiresAt: this.now() + LOGIN_CODE_TTL_MS, used: false });
    return code;
  }

  /** The codes still remembered, newest first, a page at a time, with whether each may still be exchanged. */
  issuedCodes(page: { offset: number; limit: number } = { offset: 0, limit: Infinity }): {
    total: number;
    codes: IssuedCodeView[];
  } {
    const now = this.now();
    const all = [...this.codes];
    const end = Math.max(0, all.length - page.offset);
    const codes = all
      .slice(Math.max(0, end - page.limit), end)
      .map(([code, issued]) => ({
        code,
        openid: issued.openid,
        appid: issued.appid,
        ...(issued.unionid ? { unionid: issued.unionid } : {}),
        expiresAt: issued.expiresAt,
        state: issued.used ? ('used' as const) : issued.expiresAt <= now ? ('expired' as const) : ('valid' as const),
      }))
      .reverse();
    return { total: all.length, codes };
  }

  /** How many codes and access tokens are remembered (what the bounded-state tests watch). */
  remembered(): { codes: number; tokens: number; exchangeCounters: number } {
    return { codes: this.codes.size, tokens: this.tokens.size, exchangeCounters: this.exchanges.size };
  }

  /** Codes are kept in the order issued, which is the order they expire: forgetting starts at the oldest. */
  private forgetOldCodes(): void {
    const forgetBefore = this.now() - EXPIRED_CODE_KEPT_MS;
    for (const [code, issued] of this.codes) {
      if (issued.expiresAt > forgetBefore && this.codes.size < MAX_REMEMBERED_CODES) break;
      this.codes.delete(code);
    }
  }

  /** sns/jscode2session: checks the app, then the code (single use, 5 minutes, this app's only). */
  exchangeCode(appid: string, secret: string, code: string): CodeSession {
    this.checkApp(appid, secret);
    if (!code) throw new WechatError('MISSING_CODE');
    if (this.busyAnswers > 0) {
      this.busyAnswers--;
      throw new WechatError('BUSY');
    }
    const issued = this.codes.get(code);
    if (!issued || issued.appid !== appid || issued.expiresAt <= this.now()) throw new WechatError('INVALID_CODE');
    this.countExchange(issued);
    if (issued.used) throw new WechatError('CODE_BEEN_USED');
    issued.used = true;
    return {
      openid: issued.openid,
      session_key: issued.sessionKey,
      ...(issued.unionid ? { unionid: issued.unionid } : {}),
    };
  }

  /** The user's current session_key, or undefined before their first `wx.login`. */
  sessionKey(appid: string, openid: string): string | undefined {
    return this.sessionKeys.get(userKey(appid, openid));
  }

  /** wxa/checksession: the signature must be hmac_sha256(current session_key, ""). */
  checkSession(accessToken: string, openid: string, signature: string): void {
    const token = this.validToken(accessToken);
    if (!openid) throw new WechatError('MISSING_OPENID');
    const key = this.sessionKey(token.appid, openid);
    const expected = key ? createHmac('sha256', key).update('').digest('hex') : '';
    const given = Buffer.from(signature);
    if (!key || given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected)))
      throw new WechatError('INVALID_SIGNATURE');
  }

  /**
   * cgi-bin/token: a new access token each call (the previous one stays valid a while in WeChat; here until it
   * expires).
   */
  accessToken(appid: string, secret: string): { access_token: string; expires_in: number } {
    this.checkApp(appid, secret);
    return this.answerToken(this.newToken(appid, false));
  }

  /** cgi-bin/stable_token: the same token until it expires, unless force_refresh. */
  stableToken(appid: string, secret: string, forceRefresh: boolean): { access_token: string; expires_in: number } {
    this.checkApp(appid, secret);
    const current = this.stableTokens.get(appid);
    if (current && !forceRefresh && current.expiresAt > this.now()) return this.answerToken(current);
    return this.answerToken(this.newToken(appid, true));
  }

  /**
   * Open data as WeChat sends it to the mini-program: the JSON of `data` plus a watermark,
   * AES-128-CBC with the user's current session_key, PKCS#7 padding, a random 16-byte iv.
   */
  encryptOpenData(user: WechatUser, data: Record<string, unknown>): { encryptedData: string; iv: string } {
    const sessionKey = this.sessionKey(user.appid, user.openid);
    if (!sessionKey) throw new WechatError('INVALID_CODE');
    const iv = this.random(16);
    const plain = JSON.stringify({
      ...data,
      watermark: { appid: user.appid, timestamp: Math.floor(this.now() / 1000) },
    });
    const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv);
    const encrypted = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return { encryptedData: encrypted.toString('base64'), iv: iv.toString('base64') };
  }

  /**
   * The app an access token was given to; throws 41001 missing, 40001 invalid, 42001 expired (every API that takes
   * one).
   */
  appOfToken(accessToken: string): string {
    return this.validToken(accessToken).appid;
  }

  /** The next `count` jscode2session calls answer -1 (system busy), as WeChat does under load. */
  answerBusy(count: number): void {
    this.busyAnswers = count;
  }

  reset(): void {
    this.codes.clear();
    this.sessionKeys.clear();
    this.exchanges.clear();
    this.tokens.clear();
    this.stableTokens.clear();
    this.busyAnswers = 0;
  }

  private checkApp(appid: string, secret: string): void {
    checkAppSecret(this.apps, appid, secret);
  }

  private countExchange(user: WechatUser): void {
    const key = userKey(user.appid, user.openid);
    const since = this.now() - 60_000;
    const recent = (this.exchanges.get(key) ?? []).filter((at) => at > since);
    if (recent.length >= (this.options.exchangesPerMinute ?? CODE_EXCHANGES_PER_USER_PER_MINUTE))
      throw new WechatError('RATE_LIMITED');
    recent.push(this.now());
    this.exchanges.delete(key);
    this.exchanges.set(key, recent);
    // Counters are kept in the order last used: those untouched for a minute count nothing any more.
    for (const [other, times] of this.exchanges) {
      if ((times.at(-1) ?? 0) > since) break;
      this.exchanges.delete(other);
    }
  }

  /**
   * Every token is valid by its value (`tokens`); a stable token is also the app's current one
   * (`stableTokens`). A new token leaves the app's earlier ones of its kind 5 more minutes at most.
   */
  private newToken(appid: string, stable: boolean): AccessToken {
    const now = this.now();
    for (const [value, earlier] of this.tokens) {
      if (earlier.expiresAt <= now) this.tokens.delete(value);
      else if (earlier.appid === appid && earlier.stable === stable)
        earlier.expiresAt = Math.min(earlier.expiresAt, now + ACCESS_TOKEN_OVERLAP_MS);
    }
    for (const value of this.tokens.keys()) {
      if (this.tokens.size < MAX_REMEMBERED_TOKENS) break;
      this.tokens.delete(value);
    }
    const token = {
      appid,
      token: this.random(48).toString('base64url'),
      expiresAt: now + ACCESS_TOKEN_TTL_SECONDS * 1000,
      stable,
    };
    this.tokens.set(token.token, token);
    if (stable) this.stableTokens.set(appid, token);
    return token;
  }

  private validToken(accessToken: string): AccessToken {
    if (!accessToken) throw new WechatError('MISSING_ACCESS_TOKEN');
    const token = this.tokens.get(accessToken);
    if (!token) throw new WechatError('INVALID_CREDENTIAL');
    if (token.expiresAt <= this.now()) throw new WechatError('ACCESS_TOKEN_EXPIRED');
    return token;
  }

  private answerToken(token: AccessToken): { access_token: string; expires_in: number } {
    return { access_token: token.token, expires_in: Math.max(0, Math.round((token.expiresAt - this.now()) / 1000)) };
  }
}
