/**
 * Cloud function `bindPhone`: exchanges the phone button's code and stores the caller's number.
 * Everything it decides lives in core/profile/bind-phone.ts.
 */
import type { ProfileResult } from '../../../typings';
import { bindPhone } from '../../../core/profile/bind-phone';
import { cloudProfileDeps } from '../../../core/profile/cloud-deps';

const { deps, wxContext } = cloudProfileDeps();

export async function main(event: unknown): Promise<ProfileResult> {
  return bindPhone(deps, event, wxContext());
}
