/**
 * What the profile functions receive: the users store, cloud storage and WeChat's APIs behind their
 * seams, time, waiting and logging injected; and how their failures become answers.
 */
import { errorBody, type ErrorBody } from '../../typings';
import { failureBody } from '../kit/answers';
import { withRetries, type RetryDeps } from '../kit/retries';
import { isStoreError } from '../kit/store-error';
import type { UserDocument } from '../users/user-record';
import type { FileStorage } from '../files/file-storage';
import type { UsersStore } from '../users/users-store';
import { WechatApiError, type WechatApi } from '../wechat/wechat-api';

export interface ProfileDeps extends RetryDeps {
  store: UsersStore;
  files: FileStorage;
  wechat: WechatApi;
  now(): Date;
  log(message: string): void;
}

/** A failure as the caller sees it: a WeChat permission missing is the developer's to fix (NOT_CONFIGURED). */
export function profileFailure(
  what: string,
  error: unknown,
  log: (message: string) => void,
): ErrorBody<'UNAVAILABLE' | 'INTERNAL' | 'NOT_CONFIGURED'> {
  if (error instanceof WechatApiError) {
    log(`${what}: ${error.kind} WeChat API failure: ${error.message}`);
    if (error.kind === 'not-permitted') return errorBody('NOT_CONFIGURED');
    if (error.kind === 'transient') return errorBody('UNAVAILABLE', 'WeChat is busy');
    return errorBody('INTERNAL');
  }
  return failureBody(what, error, log);
}

/** The caller's users document (retried), or null when there is none yet (not even a collection). */
export function findCaller(deps: ProfileDeps, what: string, openid: string): Promise<UserDocument | null> {
  return withRetries(what, deps, () =>
    deps.store.findUser(openid).catch((error: unknown) => {
      if (isStoreError(error, 'collection-missing')) return null;
      throw error;
    }),
  );
}
