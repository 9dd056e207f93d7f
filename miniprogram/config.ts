/**
 * The mini-program's settings. The cloud environment ids live in cloud-envs.ts (one per version).
 */

/** The cloud function that logs the user in. */
export const LOGIN_FUNCTION = 'login';

/** The cloud functions of the profile page. */
export const UPDATE_PROFILE_FUNCTION = 'updateProfile';
export const BIND_PHONE_FUNCTION = 'bindPhone';
export const DELETE_ACCOUNT_FUNCTION = 'deleteAccount';

/**
 * Your own server (server/, the code2Session login), e.g. 'https://api.example.com'; empty: not used.
 * Add its domain to 开发管理 → 服务器域名 → request 合法域名.
 */
export const API_BASE_URL = '';
