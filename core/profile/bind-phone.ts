/**
 * bindPhone: exchanges the phone button's code (phonenumber.getPhoneNumber) and stores the number
 * on the caller's document. The user must exist first (a code is never spent for nobody); a code
 * WeChat refuses binds nothing (PHONE_CODE_INVALID), except the very code that already bound this
 * user's number: a retry whose first answer was lost, answered with the bound number.
 */
import { BindPhoneEventSchema, errorBody, type ProfileResult } from '../../typings';
import { parseEvent } from '../kit/answers';
import { resolveCaller, type WXContextLike } from '../kit/caller';
import { withRetries } from '../kit/retries';
import { phoneCodeDigest, toProfile } from '../users/profile-record';
import { findCaller, profileFailure, type ProfileDeps } from './deps';

export async function bindPhone(deps: ProfileDeps, event: unknown, context: WXContextLike): Promise<ProfileResult> {
  const parsed = parseEvent(BindPhoneEventSchema, event);
  if (!parsed.ok) return parsed;
  const caller = resolveCaller(context);
  if (!caller) return { ok: false, error: errorBody('UNAUTHENTICATED') };
  const digest = phoneCodeDigest(parsed.data.code);
  try {
    const user = await findCaller(deps, 'bindPhone', caller.openid);
    if (!user) return { ok: false, error: errorBody('USER_NOT_FOUND') };
    if (user.phone?.codeDigest === digest) return { ok: true, data: { profile: toProfile(user) } };
    const info = await deps.wechat.phoneNumber(parsed.data.code);
    if (info === 'invalid-code') return { ok: false, error: errorBody('PHONE_CODE_INVALID') };
    const now = deps.now();
    const phone = { ...info, boundAt: now, codeDigest: digest };
    const after = await withRetries('bindPhone', deps, () =>
      deps.store.updateProfile(caller.openid, { phone, profileUpdatedAt: now }),
    );
    if (!after) return { ok: false, error: errorBody('USER_NOT_FOUND') };
    return { ok: true, data: { profile: toProfile(after) } };
  } catch (error) {
    return { ok: false, error: profileFailure('bindPhone', error, deps.log) };
  }
}
