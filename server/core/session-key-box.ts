/**
 * session_key at rest: sealed with AES-256-GCM under the server's key before it is stored, so a
 * copy of the database cannot decrypt anyone's open data. Format: `v1.<iv>.<tag>.<ciphertext>`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SessionKeyBox {
  seal(sessionKey: string): string;
  /** The session_key, or null when the sealed value was not made with this key. */
  open(sealed: string): string | null;
}

export function createSessionKeyBox(key: Buffer): SessionKeyBox {
  if (key.length !== 32) throw new Error('the session_key sealing key must be 32 bytes');
  return {
    seal(sessionKey) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(sessionKey, 'utf8'), cipher.final()]);
      return [
        'v1',
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        sealed.toString('base64url'),
      ].join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || !data) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}
