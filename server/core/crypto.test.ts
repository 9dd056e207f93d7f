/** session_key sealed at rest, and open data decrypted for this app only. */
import { createCipheriv, randomBytes } from 'node:crypto';
import { decryptOpenData } from './open-data';
import { createSessionKeyBox } from './session-key-box';

function encrypt(sessionKey: string, value: unknown): { encryptedData: string; iv: string } {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv);
  return {
    encryptedData: Buffer.concat([cipher.update(JSON.stringify(value)), cipher.final()]).toString('base64'),
    iv: iv.toString('base64'),
  };
}

describe('session-key box', () => {
  it('seals so that only the same key opens, and a tampered value does not', () => {
    const box = createSessionKeyBox(randomBytes(32));
    const sealed = box.seal('c2Vzc2lvbi1rZXktMTIzNA==');
    expect(sealed).not.toContain('c2Vzc2lvbi1rZXktMTIzNA');
    expect(box.open(sealed)).toBe('c2Vzc2lvbi1rZXktMTIzNA==');
    expect(createSessionKeyBox(randomBytes(32)).open(sealed)).toBeNull();
    expect(box.open(sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BB' : 'AA'))).toBeNull();
    expect(box.open('garbage')).toBeNull();
  });
});

describe('decryptOpenData', () => {
  const key = randomBytes(16).toString('base64');
  it('decrypts data carrying this app’s watermark', () => {
    const { encryptedData, iv } = encrypt(key, { step: 1, watermark: { appid: 'wx1', timestamp: 1 } });
    expect(decryptOpenData(key, encryptedData, iv, 'wx1')).toEqual({
      step: 1,
      watermark: { appid: 'wx1', timestamp: 1 },
    });
  });
  it('refuses another app’s watermark, another key, a bad iv and non-JSON', () => {
    const { encryptedData, iv } = encrypt(key, { step: 1, watermark: { appid: 'wx2', timestamp: 1 } });
    expect(decryptOpenData(key, encryptedData, iv, 'wx1')).toBeNull();
    expect(decryptOpenData(randomBytes(16).toString('base64'), encryptedData, iv, 'wx2')).toBeNull();
    expect(decryptOpenData(key, encryptedData, 'c2hvcnQ=', 'wx2')).toBeNull();
    expect(decryptOpenData(key, encrypt(key, 'text').encryptedData, iv, 'wx2')).toBeNull();
  });
});
