/**
 * updateProfile: the caller's nickname (checked by msgSecCheck: a risky one is refused) and avatar
 * (a file the caller uploaded to their avatar folder) stored on their users document. Nothing is
 * written unless everything checks out; the same call again leaves the same document; a replaced
 * avatar file is removed afterwards (best effort: a leftover file is logged, never an error).
 */
import { errorBody, UpdateProfileEventSchema, type ProfileResult, type UpdateProfileEvent } from '../../typings';
import { parseEvent } from '../kit/answers';
import { resolveCaller, type Caller, type WXContextLike } from '../kit/caller';
import { withRetries } from '../kit/retries';
import { isOwnAvatarFileId, toProfile, type ProfileChange } from '../users/profile-record';
import { findCaller, profileFailure, type ProfileDeps } from './deps';

export async function updateProfile(deps: ProfileDeps, event: unknown, context: WXContextLike): Promise<ProfileResult> {
  const parsed = parseEvent(UpdateProfileEventSchema, event);
  if (!parsed.ok) return parsed;
  const caller = resolveCaller(context);
  if (!caller) return { ok: false, error: errorBody('UNAUTHENTICATED') };
  try {
    const refused = await refusal(deps, caller, parsed.data);
    if (refused) return { ok: false, error: refused };
    const before = await findCaller(deps, 'updateProfile', caller.openid);
    if (!before) return { ok: false, error: errorBody('USER_NOT_FOUND') };
    const change: ProfileChange = {
      nickName: parsed.data.nickName,
      avatarFileId: parsed.data.avatarFileId,
      profileUpdatedAt: deps.now(),
    };
    const after = await withRetries('updateProfile', deps, () => deps.store.updateProfile(caller.openid, change));
    if (!after) return { ok: false, error: errorBody('USER_NOT_FOUND') };
    if (before.avatarFileId && parsed.data.avatarFileId && before.avatarFileId !== parsed.data.avatarFileId)
      await removeQuietly(deps, before.avatarFileId);
    return { ok: true, data: { profile: toProfile(after) } };
  } catch (error) {
    return { ok: false, error: profileFailure('updateProfile', error, deps.log) };
  }
}

async function refusal(deps: ProfileDeps, caller: Caller, event: UpdateProfileEvent) {
  if (event.avatarFileId !== undefined) {
    if (!isOwnAvatarFileId(event.avatarFileId, caller.openid))
      return errorBody('AVATAR_INVALID', 'the file is not in your avatar folder');
    const exists = await withRetries('updateProfile', deps, () => deps.files.exists(event.avatarFileId as string));
    if (!exists) return errorBody('AVATAR_INVALID', 'no such file');
  }
  if (event.nickName !== undefined) {
    const verdict = await deps.wechat.checkProfileText(caller.openid, event.nickName);
    if (verdict === 'risky') return errorBody('CONTENT_RISKY');
    if (verdict === 'review')
      deps.log(`updateProfile: nickname of ${caller.openid} accepted, flagged for review by msgSecCheck`);
  }
  return undefined;
}

async function removeQuietly(deps: ProfileDeps, fileId: string): Promise<void> {
  try {
    await deps.files.remove([fileId]);
  } catch (error) {
    deps.log(`updateProfile: the replaced avatar ${fileId} was left in storage: ${(error as Error).message}`);
  }
}
