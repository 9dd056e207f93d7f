/**
 * Cloud function `updateProfile`: the caller's nickname (content-checked) and avatar.
 * Everything it decides lives in core/profile/update-profile.ts.
 */
import type { ProfileResult } from '../../../typings';
import { cloudProfileDeps } from '../../../core/profile/cloud-deps';
import { updateProfile } from '../../../core/profile/update-profile';

const { deps, wxContext } = cloudProfileDeps();

export async function main(event: unknown): Promise<ProfileResult> {
  return updateProfile(deps, event, wxContext());
}
