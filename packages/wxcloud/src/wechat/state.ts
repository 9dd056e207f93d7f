/**
 * The WeChat side of login, as state and plain operations (no HTTP): login codes, one session_key
 * per user (rotated by every `wx.login`, as WeChat may), access tokens, open data encryption.
 * Time and randomness are injected so tests can move the clock.
 */
import { createCipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KnownApp } from './apps';
import { WechatError } from './errors';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  CODE_EXCHANGES_PER_USER_PER_MINUTE,
  LOGIN_CODE_TTL_MS,
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
}

export interface WechatStateOptions {
  apps: KnownApp[];
  now?: () => number;
  random?: (bytes: number) => Buffer;
  exchangesPerMinute?: number;
}

const userKey = (appid: string, openid: string) => `${appid}\u0000${openid}`;

export class WechatState {
  private readonly apps = new Map<string, string>();
  private readonly codes = new Map<string, IssuedCode>();
  private readonly sessionKeys = new Map<string, string>();
  private readonly exchanges = new Map<string, number[]>();
  private readonly tokens = new Map<string, AccessToken>();
  private readonly stableTokens = new Map<string, AccessToken>();
  private busyAnswers = 0;
  private readonly now: () => number;
  private readonly random: (bytes: number) => Buffer;

  constructor(private readonly options: WechatStateOptions) {
    for (const app of options.apps) this.apps.set(app.appid, app.secret);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? randomBytes;
  }

  knownApps(): KnownApp[] {
    return [...this.apps].map(([appid, secret]) => ({ appid, secret }));
  }

  /** What `wx.login()` gives on this user's phone: a new code, and a new session_key for the user. */
  issueCode(user: WechatUser): string {
    if (!this.apps.has(user.appid)) throw new WechatError('INVALID_APPID');
    const sessionKey = this.random(SESSION_KEY_BYTES).toString('base64');
    this.sessionKeys.set(userKey(user.appid, user.openid), sessionKey);
    const code = this.random(24).toString('base64url');
    this.codes.set(code, { ...user, sessionKey, expiresAt: this.now() + LOGIN_CODE_TTL_MS, used: false });
    return code;
  }

  /** Every code issued since the last reset, newest first, with whether it may still be exchanged. */
  issuedCodes(): IssuedCodeView[] {
    const now = this.now();
    return [...this.codes]
      .map(([code, issued]) => ({
        code,
        openid: issued.openid,
        appid: issued.appid,
        ...(issued.unionid ? { unionid: issued.unionid } : {}),
        expiresAt: issued.expiresAt,
        state: issued.used ? ('used' as const) : issued.expiresAt <= now ? ('expired' as const) : ('valid' as const),
      }))
      .reverse();
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

  /** cgi-bin/token: a new access token each call (the previous one stays valid a while in WeChat; here until it expires). */
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
    if (!appid) throw new WechatError('MISSING_APPID');
    const known = this.apps.get(appid);
    if (known === undefined) throw new WechatError('INVALID_APPID');
    if (!secret) throw new WechatError('MISSING_SECRET');
    if (secret !== known) throw new WechatError('INVALID_SECRET');
  }

  private countExchange(user: WechatUser): void {
    const key = userKey(user.appid, user.openid);
    const since = this.now() - 60_000;
    const recent = (this.exchanges.get(key) ?? []).filter((at) => at > since);
    if (recent.length >= (this.options.exchangesPerMinute ?? CODE_EXCHANGES_PER_USER_PER_MINUTE))
      throw new WechatError('RATE_LIMITED');
    recent.push(this.now());
    this.exchanges.set(key, recent);
  }

  /** Every token is valid by its value (`tokens`); a stable token is also the app's current one (`stableTokens`). */
  private newToken(appid: string, stable: boolean): AccessToken {
    const token = {
      appid,
      token: this.random(48).toString('base64url'),
      expiresAt: this.now() + ACCESS_TOKEN_TTL_SECONDS * 1000,
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
