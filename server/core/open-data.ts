/**
 * Open data (`encryptedData`, `iv` from wx.getWeRunData, wx.getUserInfo ...) decrypted as WeChat
 * specifies: AES-128-CBC, the user's session_key as key, PKCS#7 padding; then the watermark must
 * name this app. Data encrypted under another user's key, or under a key that has rotated since,
 * does not decrypt or does not carry our watermark: null.
 */
import { createDecipheriv } from 'node:crypto';

export function decryptOpenData(
  sessionKey: string,
  encryptedData: string,
  iv: string,
  appid: string,
): Record<string, unknown> | null {
  const key = Buffer.from(sessionKey, 'base64');
  const vector = Buffer.from(iv, 'base64');
  if (key.length !== 16 || vector.length !== 16) return null;
  let value: unknown;
  try {
    const decipher = createDecipheriv('aes-128-cbc', key, vector);
    const plain = Buffer.concat([decipher.update(Buffer.from(encryptedData, 'base64')), decipher.final()]);
    value = JSON.parse(plain.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const watermark = (value as { watermark?: { appid?: unknown } }).watermark;
  return watermark?.appid === appid ? (value as Record<string, unknown>) : null;
}
