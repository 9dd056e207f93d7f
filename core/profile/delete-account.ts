/**
 * deleteAccount: removes the caller's files (their avatar) and then their users document, so a
 * failure in between leaves the document for a retry to finish; the next login makes a new user.
 * Deleting an account that is already gone answers ok with `deleted: false` (a retry's answer).
 */
import { DeleteAccountEventSchema, errorBody, type DeleteAccountResult } from '../../typings';
import { parseEvent } from '../kit/answers';
import { resolveCaller, type WXContextLike } from '../kit/caller';
import { withRetries } from '../kit/retries';
import { findCaller, profileFailure, type ProfileDeps } from './deps';

export async function deleteAccount(
  deps: ProfileDeps,
  event: unknown,
  context: WXContextLike,
): Promise<DeleteAccountResult> {
  const parsed = parseEvent(DeleteAccountEventSchema, event);
  if (!parsed.ok) return parsed;
  const caller = resolveCaller(context);
  if (!caller) return { ok: false, error: errorBody('UNAUTHENTICATED') };
  try {
    const user = await findCaller(deps, 'deleteAccount', caller.openid);
    if (!user) return { ok: true, data: { deleted: false, filesDeleted: 0 } };
    const fileIds = user.avatarFileId ? [user.avatarFileId] : [];
    const filesDeleted = await withRetries('deleteAccount', deps, () => deps.files.remove(fileIds));
    const deleted = await withRetries('deleteAccount', deps, () => deps.store.removeUser(caller.openid));
    deps.log(`deleteAccount: ${caller.openid} deleted (${filesDeleted} file(s))`);
    return { ok: true, data: { deleted, filesDeleted } };
  } catch (error) {
    return { ok: false, error: profileFailure('deleteAccount', error, deps.log) };
  }
}
