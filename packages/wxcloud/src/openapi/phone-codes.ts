/**
 * What the phone-number button gives a user and what `phonenumber.getPhoneNumber` takes back: a
 * code is valid 5 minutes, single use, and only for the user and app it was minted for (a foreign,
 * expired, reused or unknown code is WeChat's 40029 invalid code, as the platform answers all four).
 * A code presented by another user or app is refused without being used up, so its owner keeps it.
 */
import { randomBytes } from 'node:crypto';

/** How long a phone code may be exchanged (WeChat: 5 minutes). */
export const PHONE_CODE_TTL_MS = 5 * 60_000;

export interface PhoneOwner {
  openid: string;
  appid: string;
}

export interface PhoneInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
  watermark: { timestamp: number; appid: string };
}

interface Minted extends PhoneOwner {
  info: Omit<PhoneInfo, 'watermark'>;
  mintedAt: number;
  used: boolean;
}

/** A phone code as the console lists it. */
export interface MintedView extends PhoneOwner {
  code: string;
  phoneNumber: string;
  mintedAt: number;
  state: 'used' | 'expired' | 'valid';
}

export type Redeemed =
  { ok: true; phoneInfo: PhoneInfo } | { ok: false; reason: 'unknown' | 'expired' | 'used' | 'foreign' };

export class PhoneCodes {
  private readonly codes = new Map<string, Minted>();

  constructor(private readonly now: () => number = Date.now) {}

  mint(owner: PhoneOwner, purePhoneNumber: string, countryCode = '86'): string {
    for (const [old, minted] of this.codes)
      if (this.now() - minted.mintedAt > PHONE_CODE_TTL_MS) this.codes.delete(old);
    const code = randomBytes(32).toString('hex');
    const phoneNumber = countryCode === '86' ? purePhoneNumber : `+${countryCode}${purePhoneNumber}`;
    this.codes.set(code, {
      ...owner,
      info: { phoneNumber, purePhoneNumber, countryCode },
      mintedAt: this.now(),
      used: false,
    });
    return code;
  }

  redeem(code: string, caller: PhoneOwner): Redeemed {
    const minted = this.codes.get(code);
    if (!minted) return { ok: false, reason: 'unknown' };
    if (minted.openid !== caller.openid || minted.appid !== caller.appid) return { ok: false, reason: 'foreign' };
    if (minted.used) return { ok: false, reason: 'used' };
    if (this.now() - minted.mintedAt > PHONE_CODE_TTL_MS) return { ok: false, reason: 'expired' };
    minted.used = true;
    return {
      ok: true,
      phoneInfo: { ...minted.info, watermark: { timestamp: Math.floor(minted.mintedAt / 1000), appid: minted.appid } },
    };
  }

  /** The codes minted in the last few minutes (older ones are forgotten), newest first. */
  minted(): MintedView[] {
    const now = this.now();
    return [...this.codes]
      .map(([code, minted]) => ({
        code,
        openid: minted.openid,
        appid: minted.appid,
        phoneNumber: minted.info.phoneNumber,
        mintedAt: minted.mintedAt,
        state: minted.used
          ? ('used' as const)
          : now - minted.mintedAt > PHONE_CODE_TTL_MS
            ? ('expired' as const)
            : ('valid' as const),
      }))
      .reverse();
  }

  clear(): void {
    this.codes.clear();
  }
}
