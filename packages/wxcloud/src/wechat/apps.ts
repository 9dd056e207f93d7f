/**
 * The apps the emulated WeChat knows: appid -> AppSecret and what kind of app it is.
 * `--app APPID:SECRET[:KIND]` adds one; with none given, one local mini-program exists so that
 * `npm start` and a fresh clone work offline. All apps of one local cloud belong to one emulated
 * WeChat Open Platform account (微信开放平台账号): a person has one UnionID across them and an
 * OpenID per app.
 */
import { WechatError } from './errors';

/** miniprogram: wx.login + jscode2session; mp: 公众号网页授权; website: 网站应用微信登录 (扫码). */
export const APP_KINDS = ['miniprogram', 'mp', 'website'] as const;
export type AppKind = (typeof APP_KINDS)[number];

export interface KnownApp {
  appid: string;
  secret: string;
  /** Default: miniprogram. */
  kind?: AppKind;
}

/** The app the emulator knows when none is configured (a local, public secret: never a real one). */
export const DEFAULT_LOCAL_APP: KnownApp = { appid: 'wx-demo-app', secret: 'local-dev-appsecret-not-for-production' };

export const kindOf = (app: KnownApp): AppKind => app.kind ?? 'miniprogram';

/**
 * Parses `APPID:SECRET` or `APPID:SECRET:KIND` (the secret may itself hold colons; a last part naming a kind is the
 * kind).
 */
export function parseAppSpec(spec: string): KnownApp & { kind: AppKind } {
  const colon = spec.indexOf(':');
  const appid = colon > 0 ? spec.slice(0, colon).trim() : '';
  let secret = colon > 0 ? spec.slice(colon + 1).trim() : '';
  let kind: AppKind = 'miniprogram';
  const last = secret.lastIndexOf(':');
  const tail = last >= 0 ? secret.slice(last + 1).trim() : '';
  if ((APP_KINDS as readonly string[]).includes(tail)) {
    kind = tail as AppKind;
    secret = secret.slice(0, last).trim();
  }
  if (!appid || !secret)
    throw new Error(`--app expects APPID:SECRET[:KIND] (KIND: ${APP_KINDS.join(' | ')}), got "${spec}"`);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(appid))
    throw new Error(`--app: appid "${appid}" must be 1-64 characters of A-Z a-z 0-9 _ -`);
  return { appid, secret, kind };
}

/** WeChat's checks of appid + secret, in its order; answers the app when both are right. */
export function checkAppSecret(apps: ReadonlyMap<string, KnownApp>, appid: string, secret: string): KnownApp {
  if (!appid) throw new WechatError('MISSING_APPID');
  const known = apps.get(appid);
  if (known === undefined) throw new WechatError('INVALID_APPID');
  if (!secret) throw new WechatError('MISSING_SECRET');
  if (secret !== known.secret) throw new WechatError('INVALID_SECRET');
  return known;
}
