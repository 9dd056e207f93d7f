/**
 * The mini-program's settings. The cloud environment ids live in cloud-envs.ts (one per version).
 */

/** The cloud function that logs the user in. */
export const LOGIN_FUNCTION = 'login';
