/**
 * Open data behind a CloudID (`wx.cloud.CloudID(cloudID)`): the phone gets a cloudID beside the
 * data the platform holds for it (here the phone number of the phone-number button); a function
 * reads it with `cloud.getOpenData` / `cloudbase.getOpenData`, or receives it already decrypted in
 * place of a `wx.cloud.CloudID` sent in callFunction data. Only the user it was made for may read it,
 * for 5 minutes (the emulator's choice, as the platform's).
 */
import { randomBytes } from 'node:crypto';
import { CLOUD_CALL_ERROR_CODES, type CloudCallErrorCode } from './cloud-call-errors';
import type { PhoneOwner } from './phone-codes';

export const CLOUD_ID_TTL_MS = 5 * 60_000;

interface Stored extends PhoneOwner {
  data: Record<string, unknown>;
  madeAt: number;
}

export type OpenData =
  { ok: true; cloudID: string; data: Record<string, unknown> } | { ok: false; errorCode: CloudCallErrorCode };

export class CloudIds {
  private readonly ids = new Map<string, Stored>();

  constructor(private readonly now: () => number = Date.now) {}

  make(owner: PhoneOwner, data: Record<string, unknown>): string {
    const cloudID = `${randomBytes(6).toString('hex')}_${randomBytes(24).toString('base64url')}`;
    const madeAt = this.now();
    for (const [old, stored] of this.ids) if (madeAt - stored.madeAt > CLOUD_ID_TTL_MS) this.ids.delete(old);
    this.ids.set(cloudID, {
      ...owner,
      data: { ...data, watermark: { timestamp: Math.floor(madeAt / 1000), appid: owner.appid } },
      madeAt,
    });
    return cloudID;
  }

  read(cloudID: string, caller: PhoneOwner): OpenData {
    const stored = this.ids.get(cloudID);
    if (!stored) return { ok: false, errorCode: CLOUD_CALL_ERROR_CODES.INVALID_CLOUDID };
    if (stored.openid !== caller.openid || stored.appid !== caller.appid)
      return { ok: false, errorCode: CLOUD_CALL_ERROR_CODES.CLOUDID_USER_MISMATCH };
    if (this.now() - stored.madeAt > CLOUD_ID_TTL_MS)
      return { ok: false, errorCode: CLOUD_CALL_ERROR_CODES.CLOUDID_EXPIRED };
    return { ok: true, cloudID, data: structuredClone(stored.data) };
  }

  clear(): void {
    this.ids.clear();
  }
}
