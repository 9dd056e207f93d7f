/**
 * The one place for the cloud environment id. Replace it with your own (云开发控制台 → 设置 → 环境 ID).
 * The local emulator and its harness ignore it: they serve any env id.
 */
export const CLOUD_ENV_ID = 'your-env-id';

/** The cloud function that logs the user in. */
export const LOGIN_FUNCTION = 'login';

/**
 * Your own server (server/, the code2Session login), e.g. 'https://api.example.com'; empty: not used.
 * Add its domain to 开发管理 → 服务器域名 → request 合法域名.
 */
export const API_BASE_URL = '';
