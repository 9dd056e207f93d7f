/**
 * Which account a sign-in belongs to: one account per person across the developer's apps.
 *
 * Rules (docs/accounts.md):
 * 1. An (appid, openid) identity belongs to exactly one account: its `identity:` link, claimed by insert.
 * 2. A UnionID belongs to exactly one account: its `unionid:` link, claimed by insert, never moved.
 *    Every identity that arrives with that UnionID joins that account.
 * 3. An identity first seen without a UnionID gets an account of its own. When its UnionID appears
 *    later, its account claims the UnionID and keeps its accountId; if another account already
 *    holds that UnionID, the two are joined: the account holding the UnionID stays, the other's
 *    identities move to it and it is marked `mergedInto` (logged). Users documents are keyed by
 *    OPENID and are not touched, so no login count, profile or phone is lost.
 * Each step is an insert of a deterministic `_id` or a conditional update, so the whole linking is
 * safe to retry and concurrent first sign-ins of one person end in one account.
 */
import { withRetries, type RetryDeps } from '../kit/retries';
import { isStoreError } from '../kit/store-error';
import {
  identityLink,
  identityLinkId,
  ownAccountId,
  unionidLink,
  unionidLinkId,
  type Identity,
  type IdentityLink,
} from './account-record';
import type { AccountsStore } from './accounts-store';

export interface LinkAccountDeps extends RetryDeps {
  store: AccountsStore;
  now(): Date;
  log(message: string): void;
}

export interface LinkedAccount {
  accountId: string;
  /** True when this sign-in created the account. */
  isNewAccount: boolean;
}

export function linkAccount(deps: LinkAccountDeps, identity: Identity): Promise<LinkedAccount> {
  return withRetries('account link', deps, () => linkOnce(deps, identity));
}

/** The account an identity is linked to, or null before its first sign-in. */
export async function accountOf(store: AccountsStore, appid: string, openid: string): Promise<string | null> {
  return (await store.findLink(identityLinkId(appid, openid)))?.accountId ?? null;
}

async function linkOnce(deps: LinkAccountDeps, identity: Identity): Promise<LinkedAccount> {
  // Without a UnionID the identity's own account is the answer unless it is linked already: claim first, read on loss.
  if (!identity.unionid) return claimIdentity(deps, identity, ownAccountId(identity));
  const existing = await deps.store.findLink(identityLinkId(identity.appid, identity.openid));
  if (existing?.kind === 'identity')
    return { accountId: await joinUnionid(deps, existing, identity.unionid), isNewAccount: false };
  return claimIdentity(deps, identity, await claimUnionid(deps, identity.unionid, ownAccountId(identity)));
}

/** Links the identity to `accountId` by insert; one linked already (by a concurrent sign-in, say) goes by its link. */
async function claimIdentity(deps: LinkAccountDeps, identity: Identity, accountId: string): Promise<LinkedAccount> {
  try {
    await deps.store.insertLink(identityLink(identity, accountId, deps.now()));
    return { accountId, isNewAccount: accountId === ownAccountId(identity) };
  } catch (error) {
    if (!isStoreError(error, 'duplicate')) throw error;
  }
  const linked = await deps.store.findLink(identityLinkId(identity.appid, identity.openid));
  if (linked?.kind !== 'identity') throw new Error(`account link: identity link of ${identity.openid} vanished`);
  return { accountId: await joinUnionid(deps, linked, identity.unionid), isNewAccount: false };
}

/**
 * Claims the UnionID for `candidate`; answers the account that holds it (the candidate, or the one that claimed it
 * first).
 */
async function claimUnionid(deps: LinkAccountDeps, unionid: string, candidate: string): Promise<string> {
  try {
    await deps.store.insertLink(unionidLink(unionid, candidate, deps.now()));
    return candidate;
  } catch (error) {
    if (!isStoreError(error, 'duplicate')) throw error;
  }
  const holder = await deps.store.findLink(unionidLinkId(unionid));
  if (!holder) throw new Error(`account link: unionid link ${unionidLinkId(unionid)} vanished`);
  return holder.accountId;
}

/** A known identity: when a UnionID it did not have appears, its account takes it or joins the account holding it. */
async function joinUnionid(deps: LinkAccountDeps, link: IdentityLink, unionid: string | undefined): Promise<string> {
  if (!unionid || link.unionid === unionid) return link.accountId;
  if (link.unionid) {
    deps.log(
      `accounts: identity ${link.appid}/${link.openid} came with ` +
        `unionid ${unionid} but holds ${link.unionid}; kept as it is`,
    );
    return link.accountId;
  }
  const holder = await claimUnionid(deps, unionid, link.accountId);
  if (holder !== link.accountId) await joinAccounts(deps, link.accountId, holder, unionid);
  await deps.store.setLinkUnionid(link._id, unionid);
  return holder;
}

/** Joins `from` into `into` (the account holding the UnionID): moves every identity, marks `from`, logs both ids. */
async function joinAccounts(deps: LinkAccountDeps, from: string, into: string, unionid: string): Promise<void> {
  const identities = await deps.store.identitiesOf(from);
  for (const identity of identities) await deps.store.moveLink(identity._id, from, into);
  await deps.store.insertAccount({ _id: from, createdAt: deps.now() });
  const marked = await deps.store.markMerged(from, into, deps.now());
  if (marked) {
    const moved = identities
      .map((identity) => (identity.kind === 'identity' ? `${identity.appid}/${identity.openid}` : identity._id))
      .join(', ');
    deps.log(
      `accounts: joined account ${from} into ${into} (unionid ${unionid} ` +
        `already belonged to ${into}); identities moved: ${moved || 'none'}`,
    );
  }
}
