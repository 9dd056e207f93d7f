/**
 * The one place for the cloud environment id. Replace it with your own (云开发控制台 → 设置 → 环境 ID).
 * The local emulator and its harness ignore it: they serve any env id.
 */
export const CLOUD_ENV_ID = 'your-env-id';

/** The cloud function that logs the user in. */
export const LOGIN_FUNCTION = 'login';

/** The cloud functions of the profile page. */
export const UPDATE_PROFILE_FUNCTION = 'updateProfile';
export const BIND_PHONE_FUNCTION = 'bindPhone';
export const DELETE_ACCOUNT_FUNCTION = 'deleteAccount';
