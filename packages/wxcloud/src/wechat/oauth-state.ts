/**
 * 网页授权 of the emulated Open Platform, as state and plain operations (no HTTP): the codes the
 * authorization pages (公众号 `connect/oauth2/authorize`, website `connect/qrconnect`) hand to the
 * redirect_uri, and what `sns/oauth2/access_token`, `sns/oauth2/refresh_token`, `sns/userinfo` and
 * `sns/auth` answer for them. A code is single use and valid 5 minutes; the UnionID is given only
 * where WeChat gives it (snsapi_userinfo and snsapi_login, never snsapi_base).
 */
import { createHash, randomBytes } from 'node:crypto';
import { checkAppSecret, kindOf, type AppKind, type KnownApp } from './apps';
import { WechatError } from './errors';
import { OAUTH_ACCESS_TOKEN_TTL_SECONDS, OAUTH_CODE_TTL_MS, OAUTH_REFRESH_TOKEN_TTL_MS } from './limits';

export const OAUTH_SCOPES = ['snsapi_base', 'snsapi_userinfo', 'snsapi_login'] as const;
export type OAuthScope = (typeof OAUTH_SCOPES)[number];

/** The scopes each kind of app may ask for: 公众号 the two of 网页授权, a website snsapi_login only. */
export const SCOPES_OF: Record<AppKind, readonly OAuthScope[]> = {
  miniprogram: [],
  mp: ['snsapi_base', 'snsapi_userinfo'],
  website: ['snsapi_login'],
};

/** Who granted what to which app. */
export interface OAuthGrant {
  appid: string;
  openid: string;
  unionid?: string;
  scope: OAuthScope;
  /** The nickname sns/userinfo answers; default 微信用户. */
  nickname?: string;
}

export interface OAuthTokenAnswer {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  openid: string;
  scope: string;
  unionid?: string;
}

interface Issued extends OAuthGrant {
  expiresAt: number;
}

export interface OAuthStateOptions {
  apps: KnownApp[];
  /** UnionIDs of mini-program users seen (the pages offer them as people). */
  seenUnionids?: () => string[];
  now?: () => number;
  random?: (bytes: number) => Buffer;
}

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * A simulated person's identity in one app: the OpenID differs per app, the UnionID is the same
 * across every app of the local cloud (one Open Platform account). Deterministic, so a person typed
 * as "alice" on a web page is the same person as the phone user built with it.
 */
export function personIdentity(appid: string, person: string): { openid: string; unionid: string } {
  return {
    openid: `o${digest(`openid\u0000${appid}\u0000${person}`).slice(0, 27)}`,
    unionid: `u${digest(`unionid\u0000${person}`).slice(0, 27)}`,
  };
}

/** The prefix of a person chosen by the UnionID a mini-program user already has (see `personFor`). */
export const UNIONID_PERSON_PREFIX = 'unionid:';

/**
 * The identity of a person chosen on a page: a typed name, or `unionid:U` for a mini-program user
 * seen with UnionID U (that person's OpenID in this app is derived from U).
 */
export function personFor(appid: string, person: string): { openid: string; unionid: string } {
  if (!person.startsWith(UNIONID_PERSON_PREFIX)) return personIdentity(appid, person);
  const unionid = person.slice(UNIONID_PERSON_PREFIX.length);
  return { openid: personIdentity(appid, person).openid, unionid };
}

/** True when the scope is one the app's kind may ask for (the pages check this before showing anything). */
export function scopeAllowed(app: KnownApp, scope: string): scope is OAuthScope {
  return (SCOPES_OF[kindOf(app)] as readonly string[]).includes(scope);
}

/** Whether WeChat puts the UnionID into the token answer for this scope. */
const givesUnionid = (scope: OAuthScope) => scope !== 'snsapi_base';

export class OAuthState {
  private readonly apps = new Map<string, KnownApp>();
  private readonly codes = new Map<string, Issued & { used: boolean }>();
  private readonly accessTokens = new Map<string, Issued>();
  private readonly refreshTokens = new Map<string, Issued>();
  private readonly people: string[] = [];
  private readonly now: () => number;
  private readonly random: (bytes: number) => Buffer;
  private readonly seenUnionids: () => string[];

  constructor(options: OAuthStateOptions) {
    this.seenUnionids = options.seenUnionids ?? (() => []);
    for (const app of options.apps) this.apps.set(app.appid, app);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? randomBytes;
  }

  app(appid: string): KnownApp | undefined {
    return this.apps.get(appid);
  }

  /**
   * The people the pages offer: those typed since the last reset (most recent first), then mini-program users by
   * UnionID.
   */
  recentPeople(): string[] {
    const seen = [...new Set(this.seenUnionids())].map((unionid) => `${UNIONID_PERSON_PREFIX}${unionid}`);
    return [...this.people, ...seen.filter((person) => !this.people.includes(person))].slice(0, 30);
  }

  rememberPerson(person: string): void {
    const at = this.people.indexOf(person);
    if (at >= 0) this.people.splice(at, 1);
    this.people.unshift(person);
    this.people.length = Math.min(this.people.length, 20);
  }

  /** What the page redirects with once the person agreed (or, for snsapi_base, silently). */
  issueCode(grant: OAuthGrant): string {
    const app = this.apps.get(grant.appid);
    if (!app || kindOf(app) === 'miniprogram') throw new WechatError('INVALID_APPID');
    if (!scopeAllowed(app, grant.scope)) throw new WechatError('INVALID_ARGS');
    const code = this.random(24).toString('base64url');
    this.codes.set(code, { ...grant, expiresAt: this.now() + OAUTH_CODE_TTL_MS, used: false });
    return code;
  }

  /** sns/oauth2/access_token: the app and its secret, then the code (this app's, unused, 5 minutes). */
  exchangeCode(appid: string, secret: string, code: string): OAuthTokenAnswer {
    checkAppSecret(this.apps, appid, secret);
    if (!code) throw new WechatError('MISSING_CODE');
    const issued = this.codes.get(code);
    if (!issued || issued.appid !== appid || issued.expiresAt <= this.now()) throw new WechatError('INVALID_CODE');
    if (issued.used) throw new WechatError('CODE_BEEN_USED');
    issued.used = true;
    const grant: Issued = { ...issued, expiresAt: this.now() + OAUTH_REFRESH_TOKEN_TTL_MS };
    const refreshToken = this.random(48).toString('base64url');
    this.refreshTokens.set(refreshToken, grant);
    return {
      ...this.newAccessToken(grant),
      refresh_token: refreshToken,
      ...(grant.unionid && givesUnionid(grant.scope) ? { unionid: grant.unionid } : {}),
    };
  }

  /** sns/oauth2/refresh_token: a new access_token for the same grant; the refresh_token stays, for its 30 days. */
  refresh(appid: string, refreshToken: string): OAuthTokenAnswer {
    if (!appid) throw new WechatError('MISSING_APPID');
    if (!this.apps.has(appid)) throw new WechatError('INVALID_APPID');
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant || grant.appid !== appid) throw new WechatError('INVALID_REFRESH_TOKEN');
    if (grant.expiresAt <= this.now()) throw new WechatError('REFRESH_TOKEN_EXPIRED');
    return { ...this.newAccessToken(grant), refresh_token: refreshToken };
  }

  /** sns/userinfo: only with a token of snsapi_userinfo or snsapi_login, for its own openid. */
  userinfo(accessToken: string, openid: string): Record<string, unknown> {
    const grant = this.validToken(accessToken, openid);
    if (grant.scope === 'snsapi_base') throw new WechatError('API_UNAUTHORIZED');
    return {
      openid: grant.openid,
      nickname: grant.nickname ?? '微信用户',
      sex: 0,
      province: '',
      city: '',
      country: '',
      headimgurl: '',
      privilege: [],
      ...(grant.unionid ? { unionid: grant.unionid } : {}),
    };
  }

  /** sns/auth: whether the access_token is valid for this openid. */
  checkToken(accessToken: string, openid: string): { errcode: 0; errmsg: 'ok' } {
    this.validToken(accessToken, openid);
    return { errcode: 0, errmsg: 'ok' };
  }

  reset(): void {
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.people.length = 0;
  }

  private newAccessToken(grant: OAuthGrant): Omit<OAuthTokenAnswer, 'refresh_token'> {
    const token = this.random(48).toString('base64url');
    this.accessTokens.set(token, { ...grant, expiresAt: this.now() + OAUTH_ACCESS_TOKEN_TTL_SECONDS * 1000 });
    return {
      access_token: token,
      expires_in: OAUTH_ACCESS_TOKEN_TTL_SECONDS,
      openid: grant.openid,
      scope: grant.scope,
    };
  }

  private validToken(accessToken: string, openid: string): Issued {
    if (!accessToken) throw new WechatError('MISSING_ACCESS_TOKEN');
    if (!openid) throw new WechatError('MISSING_OPENID');
    const grant = this.accessTokens.get(accessToken);
    if (!grant) throw new WechatError('INVALID_CREDENTIAL');
    if (grant.expiresAt <= this.now()) throw new WechatError('ACCESS_TOKEN_EXPIRED');
    if (grant.openid !== openid) throw new WechatError('INVALID_OPENID');
    return grant;
  }
}
