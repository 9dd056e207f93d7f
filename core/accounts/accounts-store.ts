/**
 * The seam between account linking and the database: what linking needs, nothing more.
 * `cloud-accounts-store.ts` implements it with node-sdk (the server, and the cloud function through
 * the node-sdk database wx-server-sdk wraps); the memory store serves unit tests; both run
 * `accounts-store.contract.ts`.
 */
import type { AccountDocument, LinkDocument } from './account-record';

export interface AccountsStore {
  findLink(id: string): Promise<LinkDocument | null>;
  /**
   * Inserts a link; StoreError 'duplicate' when its `_id` exists (the claim was lost). Creates the collection when
   * needed.
   */
  insertLink(link: LinkDocument): Promise<void>;
  /** Points an identity link at `to`, only while it still points at `from`; true when applied. */
  moveLink(id: string, from: string, to: string): Promise<boolean>;
  /** Records the identity's UnionID on its link (only when the link has none). */
  setLinkUnionid(id: string, unionid: string): Promise<void>;
  /** Every identity link of an account. */
  identitiesOf(accountId: string): Promise<LinkDocument[]>;
  /** Inserts an account; a second insert of the same `_id` is a no-op (retries are safe). */
  insertAccount(account: AccountDocument): Promise<void>;
  findAccount(id: string): Promise<AccountDocument | null>;
  /** Marks an account joined into `into` (only the first time); true when applied. */
  markMerged(id: string, into: string, now: Date): Promise<boolean>;
}
