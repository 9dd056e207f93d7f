/**
 * Users to fill the collection with, written as import files (JSON Lines of relaxed EJSON) that the
 * emulator loads in one call, instead of 100,000 SDK requests. Each document has the shape both
 * logins read: `_id` and `_openid` are the OPENID, so either function finds the user. They are users
 * who signed in with this version before: each has its account (docs/accounts.md) and remembers it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WxUser } from '@wx-cloud-login/wxcloud';
import { ACCOUNTS_COLLECTION, ACCOUNT_LINKS_COLLECTION, identityLink } from '../../core/accounts/account-record';

export const BENCH_APPID = 'wx-bench-app';
export const SEED_EPOCH = new Date('2024-01-01T00:00:00.000Z');

export function seededOpenid(index: number): string {
  return `oBench-seed-${String(index).padStart(6, '0')}`;
}

export function seededUser(index: number): WxUser {
  return { OPENID: seededOpenid(index), APPID: BENCH_APPID };
}

/** One users document as canonical-enough EJSON for the emulator's import. */
export function seededDocument(index: number): Record<string, unknown> {
  const openid = seededOpenid(index);
  const at = { $date: SEED_EPOCH.toISOString() };
  return {
    _id: openid,
    _openid: openid,
    appid: BENCH_APPID,
    createdAt: at,
    lastLoginAt: at,
    loginCount: 1,
    recentAttempts: [{ id: 'seed-attempt', at }],
    createdByAttemptId: 'seed-attempt',
    account: { id: seededAccountId(index) },
  };
}

const seededAccountId = (index: number) => `acct-seed-${String(index).padStart(6, '0')}`;

/** The account of seeded user `index` and the link of its identity, as the login would have written them. */
function seededAccount(index: number): { account: object; link: object } {
  const at = { $date: SEED_EPOCH.toISOString() };
  const accountId = seededAccountId(index);
  const identity = identityLink({ appid: BENCH_APPID, openid: seededOpenid(index) }, accountId, SEED_EPOCH);
  return { account: { _id: accountId, createdAt: at }, link: { ...identity, linkedAt: at } };
}

/** Writes `<dir>/users.json` with the users numbered [from, from + count); returns the file. */
export function writeSeedFile(dir: string, from: number, count: number): string {
  const users: string[] = [];
  const accounts: string[] = [];
  const links: string[] = [];
  for (let index = from; index < from + count; index++) {
    const { account, link } = seededAccount(index);
    users.push(JSON.stringify(seededDocument(index)));
    accounts.push(JSON.stringify(account));
    links.push(JSON.stringify(link));
  }
  const write = (collection: string, lines: string[]) =>
    writeFileSync(path.join(dir, `${collection}.json`), `${lines.join('\n')}\n`);
  write(ACCOUNTS_COLLECTION, accounts);
  write(ACCOUNT_LINKS_COLLECTION, links);
  write('users', users);
  return path.join(dir, 'users.json');
}
