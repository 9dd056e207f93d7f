/**
 * Cloud function `deleteAccount`: removes the caller's files and users document.
 * Everything it decides lives in core/profile/delete-account.ts.
 */
import type { DeleteAccountResult } from '../../../typings';
import { cloudProfileDeps } from '../../../core/profile/cloud-deps';
import { deleteAccount } from '../../../core/profile/delete-account';

const { deps, wxContext } = cloudProfileDeps();

export async function main(event: unknown): Promise<DeleteAccountResult> {
  return deleteAccount(deps, event, wxContext());
}
