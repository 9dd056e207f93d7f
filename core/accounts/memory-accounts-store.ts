/** AccountsStore in memory: each call atomic, as one database request is; the reference for the contract suite. */
import { StoreError } from '../kit/store-error';
import type { AccountDocument, LinkDocument } from './account-record';
import type { AccountsStore } from './accounts-store';

export function createMemoryAccountsStore(): AccountsStore & {
  accounts(): AccountDocument[];
  links(): LinkDocument[];
} {
  const accounts = new Map<string, AccountDocument>();
  const links = new Map<string, LinkDocument>();
  return {
    accounts: () => [...accounts.values()].map((account) => structuredClone(account)),
    links: () => [...links.values()].map((link) => structuredClone(link)),
    findLink: async (id) => structuredClone(links.get(id) ?? null),
    insertLink: async (link) => {
      if (links.has(link._id)) throw new StoreError('duplicate', `duplicate _id ${link._id}`);
      links.set(link._id, structuredClone(link));
    },
    moveLink: async (id, from, to) => {
      const link = links.get(id);
      if (!link || link.kind !== 'identity' || link.accountId !== from) return false;
      link.accountId = to;
      return true;
    },
    setLinkUnionid: async (id, unionid) => {
      const link = links.get(id);
      if (link?.kind === 'identity' && !link.unionid) link.unionid = unionid;
    },
    identitiesOf: async (accountId) =>
      [...links.values()]
        .filter((link) => link.kind === 'identity' && link.accountId === accountId)
        .map((link) => structuredClone(link)),
    insertAccount: async (account) => {
      if (!accounts.has(account._id)) accounts.set(account._id, structuredClone(account));
    },
    findAccount: async (id) => structuredClone(accounts.get(id) ?? null),
    markMerged: async (id, into, now) => {
      const account = accounts.get(id);
      if (!account || account.mergedInto) return false;
      Object.assign(account, { mergedInto: into, mergedAt: now });
      return true;
    },
  };
}
