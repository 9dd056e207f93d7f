/**
 * The refresh token: `<session id>.<32 random bytes, base64url>`. Only its SHA-256 is stored, so a
 * copy of the database cannot be replayed; the session id lets a presented token find its session
 * in one read.
 */
import { createHash, randomBytes } from 'node:crypto';

const SHAPE = /^([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{43})$/;

export function newRefreshToken(sid: string, random: (bytes: number) => Buffer = randomBytes): string {
  return `${sid}.${random(32).toString('base64url')}`;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The session id a well-formed refresh token names, or null. */
export function sessionIdOf(token: string): string | null {
  return SHAPE.exec(token)?.[1] ?? null;
}

export function newSessionId(random: (bytes: number) => Buffer = randomBytes): string {
  return random(18).toString('base64url');
}
