/**
 * The seam between the profile functions and WeChat's open APIs (cloud.openapi.*): what they need,
 * in their own terms. `cloud-wechat-api.ts` implements it with wx-server-sdk; tests use a small
 * in-memory one.
 */

export type TextVerdict = 'pass' | 'review' | 'risky';

export interface PhoneNumberInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

export interface WechatApi {
  /** msgSecCheck v2 of a profile text (scene 1) written by `openid`. */
  checkProfileText(openid: string, text: string): Promise<TextVerdict>;
  /** The phone number behind a phone-button code, or 'invalid-code' (unknown, used, expired, foreign). */
  phoneNumber(code: string): Promise<PhoneNumberInfo | 'invalid-code'>;
}

/**
 * Why a WeChat call failed: the function's config.json does not declare the API, a passing
 * failure worth retrying (WeChat busy, network), or anything else.
 */
export class WechatApiError extends Error {
  constructor(
    readonly kind: 'not-permitted' | 'transient' | 'fatal',
    message: string,
  ) {
    super(message);
    this.name = 'WechatApiError';
  }
}
