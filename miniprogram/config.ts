/**
 * The mini-program's settings. The cloud environment ids live in cloud-envs.ts (one per version).
 */

/** The cloud function that logs the user in. */
export const LOGIN_FUNCTION = 'login';

/** The cloud functions of the profile page. */
export const UPDATE_PROFILE_FUNCTION = 'updateProfile';
export const BIND_PHONE_FUNCTION = 'bindPhone';
export const DELETE_ACCOUNT_FUNCTION = 'deleteAccount';
