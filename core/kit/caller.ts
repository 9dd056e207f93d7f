/**
 * Who is calling: the WeChat identity the platform put in the invocation's context.
 * Nothing from the event is trusted for this: only cloud.getWXContext().
 */

/** The subset of cloud.getWXContext() this function reads. */
export interface WXContextLike {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  FROM_OPENID?: string;
  FROM_APPID?: string;
  FROM_UNIONID?: string;
}

export interface Caller {
  openid: string;
  appid: string;
  unionid?: string;
  /** True when the call came from another account's mini-program through environment sharing. */
  crossAccount: boolean;
}

const present = (value: string | undefined): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * Resolves the calling user, or null when there is none (console, CLI, another function, a timer).
 *
 * In a cross-account call (资源复用 / environment sharing) the platform puts the calling user in
 * FROM_OPENID / FROM_APPID / FROM_UNIONID: that is the person who logs in, under their own app.
 */
export function resolveCaller(context: WXContextLike): Caller | null {
  if (present(context.FROM_OPENID)) {
    return withUnionid(
      { openid: context.FROM_OPENID, appid: context.FROM_APPID ?? '', crossAccount: true },
      context.FROM_UNIONID,
    );
  }
  if (present(context.OPENID)) {
    return withUnionid({ openid: context.OPENID, appid: context.APPID ?? '', crossAccount: false }, context.UNIONID);
  }
  return null;
}

function withUnionid(caller: Caller, unionid: string | undefined): Caller {
  return present(unionid) ? { ...caller, unionid } : caller;
}
