/**
 * The signing keys of access tokens: the current one signs, the previous ones still verify
 * (rotation without logging everyone out). Each key has an id (`kid`) that the token's header
 * names, so verification picks its key without trying them all.
 *
 * Rotating: give the new key as AUTH_TOKEN_SECRET with a new AUTH_TOKEN_KID, and the old one in
 * AUTH_TOKEN_PREVIOUS_SECRETS (`kid:secret`) for as long as an access token lives.
 */
import { createHash } from 'node:crypto';

/** HS256 wants a key at least as long as its hash: 32 bytes. */
export const MIN_SECRET_LENGTH = 32;

export interface SigningKey {
  kid: string;
  secret: Uint8Array;
}

export interface KeyRing {
  current: SigningKey;
  /** Current first, then the previous keys. */
  byKid: ReadonlyMap<string, SigningKey>;
}

const KID = /^[A-Za-z0-9._-]{1,32}$/;

export function signingKey(kid: string, secret: string): SigningKey {
  if (!KID.test(kid)) throw new Error(`key id "${kid}" must be 1-32 characters of A-Z a-z 0-9 . _ -`);
  if (secret.length < MIN_SECRET_LENGTH)
    throw new Error(`the signing secret of key "${kid}" must be at least ${MIN_SECRET_LENGTH} characters`);
  return { kid, secret: new TextEncoder().encode(secret) };
}

export function keyRing(current: SigningKey, previous: SigningKey[] = []): KeyRing {
  const byKid = new Map<string, SigningKey>([[current.kid, current]]);
  for (const key of previous) {
    if (byKid.has(key.kid)) throw new Error(`two signing keys have the id "${key.kid}"`);
    byKid.set(key.kid, key);
  }
  return { current, byKid };
}

/** Parses `kid:secret,kid:secret` (AUTH_TOKEN_PREVIOUS_SECRETS). */
export function parsePreviousKeys(spec: string | undefined): SigningKey[] {
  if (!spec?.trim()) return [];
  return spec.split(',').map((entry) => {
    const colon = entry.indexOf(':');
    if (colon <= 0) throw new Error('previous keys must be written kid:secret, separated by commas');
    return signingKey(entry.slice(0, colon).trim(), entry.slice(colon + 1).trim());
  });
}

/** A key derived from the signing secret for another purpose (never the signing key itself). */
export function derivedKey(secret: Uint8Array, purpose: string): Buffer {
  return createHash('sha256').update(purpose).update('\u0000').update(secret).digest();
}
