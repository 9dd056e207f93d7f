/** WeChat's documented limits the emulator enforces, in one place. */

/** A `wx.login` code is valid for 5 minutes and may be exchanged once. */
export const LOGIN_CODE_TTL_MS = 5 * 60_000;
/** jscode2session calls allowed per user per minute (WeChat: 100 a minute per user). */
export const CODE_EXCHANGES_PER_USER_PER_MINUTE = 100;
/** An access token (cgi-bin/token, stable_token) lives 7200 seconds. */
export const ACCESS_TOKEN_TTL_SECONDS = 7200;
/** A new access token leaves the app's previous ones valid for 5 more minutes, then they stop (WeChat's overlap). */
export const ACCESS_TOKEN_OVERLAP_MS = 5 * 60_000;
/**
 * How long a code is still remembered after it expired, so the console can show it as expired; then it is forgotten.
 */
export const EXPIRED_CODE_KEPT_MS = 5 * 60_000;
/** Most codes remembered at once, however fast they are issued (the oldest go first). */
export const MAX_REMEMBERED_CODES = 10_000;
/** Most access tokens remembered at once (WeChat allows 2,000 cgi-bin/token calls a day); the oldest go first. */
export const MAX_REMEMBERED_TOKENS = 1_000;
/** session_key: 16 random bytes, base64 (AES-128). */
export const SESSION_KEY_BYTES = 16;
/** 网页授权: a code is valid 5 minutes, once; the access_token 7200 s; the refresh_token 30 days. */
export const OAUTH_CODE_TTL_MS = 5 * 60_000;
export const OAUTH_ACCESS_TOKEN_TTL_SECONDS = 7200;
export const OAUTH_REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600_000;
