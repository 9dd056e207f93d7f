/**
 * The account model: one account per person across the developer's apps.
 *
 * - An account is the set of links that name it; its id is its first identity's `ownAccountId`.
 * - `accounts`: `{ _id: accountId, createdAt, mergedInto, mergedAt }`, written when an account is joined into
 *   another, so the old accountId can be followed.
 * - `account_links`: the claims that make "one account per person" hold under concurrency, each a
 *   document with a deterministic `_id`, so that an insert is the lock:
 *   `identity:APPID:OPENID` -> the account of that (appid, openid) (exactly one), and
 *   `unionid:UNIONID` -> the account of that UnionID (exactly one; never moved once written).
 * The users collection stays keyed by OPENID, as the mini-program expects; an account only links
 * identities, so joining two accounts moves links and loses no user data.
 */

import { createHash } from 'node:crypto';

export const ACCOUNTS_COLLECTION = 'accounts';
export const ACCOUNT_LINKS_COLLECTION = 'account_links';

/** One sign-in identity: an OpenID inside one app, and the UnionID when WeChat gave it. */
export interface Identity {
  appid: string;
  openid: string;
  unionid?: string;
}

/** A joined account's record: where its identities went. */
export interface AccountDocument {
  _id: string;
  createdAt: Date;
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

/**
 * The account an identity gets when it is the first of its person. Derived from the identity, so concurrent first
 * sign-ins of it name the same account, and a new users document can remember it before the link is written.
 */
export function ownAccountId(identity: Pick<Identity, 'appid' | 'openid'>): string {
  const digest = createHash('sha256').update(`${identity.appid}\n${identity.openid}`).digest('hex');
  return `acc_${digest.slice(0, 32)}`;
}

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
