/**
 * Users to fill the collection with, written as an import file (JSON Lines of relaxed EJSON) that
 * the emulator loads in one call, instead of 100,000 SDK requests. Each document has the shape
 * both logins read: `_id` and `_openid` are the OPENID, so either function finds the user.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WxUser } from '@wx-cloud-login/wxcloud';

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
  };
}

/** Writes `<dir>/users.json` with the users numbered [from, from + count); returns the file. */
export function writeSeedFile(dir: string, from: number, count: number): string {
  const file = path.join(dir, 'users.json');
  const lines: string[] = [];
  for (let index = from; index < from + count; index++) lines.push(JSON.stringify(seededDocument(index)));
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
