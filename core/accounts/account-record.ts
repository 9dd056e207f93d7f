/**
 * The account model: one account per person across the developer's apps.
 *
 * - `accounts`: `{ _id: accountId, createdAt, unionid?, mergedInto?, mergedAt? }`.
 * - `account_links`: the claims that make "one account per person" hold under concurrency, each a
 *   document with a deterministic `_id`, so that an insert is the lock:
 *   `identity:APPID:OPENID` -> the account of that (appid, openid) (exactly one), and
 *   `unionid:UNIONID` -> the account of that UnionID (exactly one; never moved once written).
 * The users collection stays keyed by OPENID, as the mini-program expects; an account only links
 * identities, so joining two accounts moves links and loses no user data.
 */

export const ACCOUNTS_COLLECTION = 'accounts';
export const ACCOUNT_LINKS_COLLECTION = 'account_links';

/** One sign-in identity: an OpenID inside one app, and the UnionID when WeChat gave it. */
export interface Identity {
  appid: string;
  openid: string;
  unionid?: string;
}

export interface AccountDocument {
  _id: string;
  createdAt: Date;
  /**
   * The UnionID the account was created with; one claimed later is on its `unionid:` link only (the links are the
   * authority).
   */
  unionid?: string;
  /** Set when this account was joined into another: every identity of it now links there. */
  mergedInto?: string;
  mergedAt?: Date;
}

export interface IdentityLink {
  _id: string;
  kind: 'identity';
  accountId: string;
  appid: string;
  openid: string;
  /** Set once the identity's UnionID is known and its account holds it. */
  unionid?: string;
  linkedAt: Date;
}

export interface UnionidLink {
  _id: string;
  kind: 'unionid';
  accountId: string;
  unionid: string;
  linkedAt: Date;
}

export type LinkDocument = IdentityLink | UnionidLink;

export const identityLinkId = (appid: string, openid: string) => `identity:${appid}:${openid}`;
export const unionidLinkId = (unionid: string) => `unionid:${unionid}`;

export function identityLink(identity: Identity, accountId: string, now: Date): IdentityLink {
  return {
    _id: identityLinkId(identity.appid, identity.openid),
    kind: 'identity',
    accountId,
    appid: identity.appid,
    openid: identity.openid,
    ...(identity.unionid ? { unionid: identity.unionid } : {}),
    linkedAt: now,
  };
}

export function unionidLink(unionid: string, accountId: string, now: Date): UnionidLink {
  return { _id: unionidLinkId(unionid), kind: 'unionid', accountId, unionid, linkedAt: now };
}

/** Dates as Date, whichever way a database hands them back. */
export function withDates<T extends { linkedAt?: Date; createdAt?: Date; mergedAt?: Date }>(document: T): T {
  const copy = { ...document };
  for (const key of ['linkedAt', 'createdAt', 'mergedAt'] as const) {
    if (copy[key] !== undefined) (copy as Record<string, unknown>)[key] = new Date(copy[key] as Date);
  }
  return copy;
}
