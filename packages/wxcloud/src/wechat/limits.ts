/** WeChat's documented limits the emulator enforces, in one place. */

/** A `wx.login` code is valid for 5 minutes and may be exchanged once. */
export const LOGIN_CODE_TTL_MS = 5 * 60_000;
/** jscode2session calls allowed per user per minute (WeChat: 100 a minute per user). */
export const CODE_EXCHANGES_PER_USER_PER_MINUTE = 100;
/** An access token (cgi-bin/token, stable_token) lives 7200 seconds. */
export const ACCESS_TOKEN_TTL_SECONDS = 7200;
/** session_key: 16 random bytes, base64 (AES-128). */
export const SESSION_KEY_BYTES = 16;
/** 网页授权: a code is valid 5 minutes, once; the access_token 7200 s; the refresh_token 30 days. */
export const OAUTH_CODE_TTL_MS = 5 * 60_000;
export const OAUTH_ACCESS_TOKEN_TTL_SECONDS = 7200;
export const OAUTH_REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600_000;
