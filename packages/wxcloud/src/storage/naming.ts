/**
 * Cloud paths and file ids as the platform forms them. A cloud path follows the storage naming
 * rules (not empty, no leading "/", no "//", at most 850 bytes encoded, none of the control
 * characters CAN EM SUB ESC); a file id is `cloud://<env>.<bucket>/<cloudPath>`, the bucket being
 * `<hex of the env id's first two characters>-<env>-<app number>` as in
 * `cloud://prod-1a2b.7072-prod-1a2b-1250000000/a.png`.
 */

/** Longest cloud path, URL-encoded (the platform's naming rules). */
export const MAX_CLOUD_PATH_BYTES = 850;
/** The number the emulator puts where the platform puts the account's app id in a bucket name. */
export const EMULATOR_APP_NUMBER = '1250000000';

const FORBIDDEN = /[\u0018\u0019\u001a\u001b]/;
/** In a `u` regex, a surrogate pair is one code point: only an unpaired half matches. */
export const LONE_SURROGATE = /\p{Cs}/u;

/** Why `cloudPath` is not a valid cloud path, or undefined when it is. */
export function cloudPathProblem(cloudPath: string): string | undefined {
  if (cloudPath === '') return 'cloudPath must not be empty';
  if (LONE_SURROGATE.test(cloudPath)) return 'cloudPath must be well-formed Unicode (it holds a lone surrogate)';
  if (cloudPath.startsWith('/')) return 'cloudPath must not start with "/"';
  if (cloudPath.includes('//')) return 'cloudPath must not contain "//"';
  if (FORBIDDEN.test(cloudPath)) return 'cloudPath must not contain the control characters CAN, EM, SUB or ESC';
  if (Buffer.byteLength(encodeURI(cloudPath)) > MAX_CLOUD_PATH_BYTES)
    return `cloudPath must be at most ${MAX_CLOUD_PATH_BYTES} bytes encoded`;
  if (cloudPath.split('/').some((part) => part === '.' || part === '..'))
    return 'cloudPath must not contain "." or ".." segments';
  return undefined;
}

export function bucketOf(envId: string): string {
  return `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-${EMULATOR_APP_NUMBER}`;
}

export function fileIdOf(envId: string, cloudPath: string): string {
  return `cloud://${envId}.${bucketOf(envId)}/${cloudPath}`;
}

/** The cloud path of a file id of this environment, or undefined for anything else. */
export function cloudPathOf(envId: string, fileId: string): string | undefined {
  const prefix = `cloud://${envId}.${bucketOf(envId)}/`;
  if (!fileId.startsWith(prefix)) return undefined;
  const cloudPath = fileId.slice(prefix.length);
  return cloudPathProblem(cloudPath) ? undefined : cloudPath;
}
