/**
 * The mini-programs the emulated WeChat knows: appid -> AppSecret. `--app APPID:SECRET` adds one;
 * with none given, one local app exists so that `npm start` and a fresh clone work offline.
 */
export interface KnownApp {
  appid: string;
  secret: string;
}

/** The app the emulator knows when none is configured (a local, public secret: never a real one). */
export const DEFAULT_LOCAL_APP: KnownApp = { appid: 'wx-demo-app', secret: 'local-dev-appsecret-not-for-production' };

/** Parses `APPID:SECRET` (the secret may itself hold colons). */
export function parseAppSpec(spec: string): KnownApp {
  const colon = spec.indexOf(':');
  const appid = colon > 0 ? spec.slice(0, colon).trim() : '';
  const secret = colon > 0 ? spec.slice(colon + 1).trim() : '';
  if (!appid || !secret) throw new Error(`--app expects APPID:SECRET, got "${spec}"`);
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(appid))
    throw new Error(`--app: appid "${appid}" must be 1-64 characters of A-Z a-z 0-9 _ -`);
  return { appid, secret };
}
