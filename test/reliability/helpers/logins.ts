/**
 * Logins through the client endpoint (what wx.cloud.callFunction does for a user) and the checks
 * every reliability suite makes on the users collection afterwards: one document per user, the
 * exact count, createdAt unmoved, unionid kept.
 */
import { randomBytes } from 'node:crypto';
import { callFunctionAs } from '@wx-cloud-login/wxcloud';
import type { WxContext } from '@wx-cloud-login/wxcloud';
import type { LoginResult } from '../../../typings';
import type { StoredUser } from '../../helpers/local-cloud';

export type WxUser = WxContext;

export type CallAnswer =
  | { kind: 'result'; result: LoginResult }
  /** The platform or the transport failed the call itself (no function result). */
  | { kind: 'failure'; status: number; errCode?: number; errMsg: string };

export const newAttemptId = (): string => randomBytes(12).toString('base64url');

export function userNamed(name: string, extra: Partial<WxUser> = {}): WxUser {
  return { OPENID: `o-${name}`, APPID: 'wx-reliability', ...extra };
}

/** POST <baseUrl>/functions/login as `user`, with `data` as the event (an attempt id by default). */
export async function callLogin(
  baseUrl: string,
  user: WxUser | undefined,
  data: unknown = { attemptId: newAttemptId() },
  headers: Record<string, string> = {},
): Promise<CallAnswer> {
  const answer = await callFunctionAs(baseUrl, 'login', data, user, headers);
  if (answer.ok && answer.result) return { kind: 'result', result: answer.result as LoginResult };
  if (answer.ok) return { kind: 'failure', status: answer.status, errMsg: 'no result' };
  return { kind: 'failure', status: answer.status, errCode: answer.errCode, errMsg: answer.errMsg };
}

export interface ExpectedUser {
  openid: string;
  loginCount: number;
  createdAt?: Date;
  unionid?: string;
}

export interface IntegrityReport {
  lost: string[];
  duplicated: string[];
  problems: string[];
}

/**
 * Compares the stored users with what the clients saw. `atLeast` (after a crash) accepts counts above
 * the acknowledged ones: a write may land without its answer reaching the client.
 */
export function checkUsers(
  stored: StoredUser[],
  expected: ExpectedUser[],
  options: { atLeast?: boolean } = {},
): IntegrityReport {
  const byOpenid = new Map<string, StoredUser[]>();
  for (const user of stored) byOpenid.set(user._openid, [...(byOpenid.get(user._openid) ?? []), user]);
  const report: IntegrityReport = { lost: [], duplicated: [], problems: [] };
  for (const [openid, docs] of byOpenid) if (docs.length > 1) report.duplicated.push(openid);
  for (const want of expected) {
    const doc = byOpenid.get(want.openid)?.[0];
    if (!doc) {
      report.lost.push(want.openid);
      continue;
    }
    const countOk = options.atLeast ? doc.loginCount >= want.loginCount : doc.loginCount === want.loginCount;
    if (!countOk)
      report.problems.push(
        `${want.openid}: loginCount ${doc.loginCount}, expected ${options.atLeast ? '>= ' : ''}${want.loginCount}`,
      );
    if (doc._id !== want.openid) report.problems.push(`${want.openid}: _id ${doc._id}`);
    if (want.createdAt && new Date(doc.createdAt).getTime() !== want.createdAt.getTime()) {
      report.problems.push(
        `${want.openid}: createdAt moved from ${want.createdAt.toISOString()} ` +
          `to ${new Date(doc.createdAt).toISOString()}`,
      );
    }
    if (want.unionid && doc.unionid !== want.unionid)
      report.problems.push(`${want.openid}: unionid ${doc.unionid}, expected ${want.unionid}`);
  }
  return report;
}

/** The successful results among answers, or a readable list of what else came back. */
export function successes(answers: CallAnswer[]) {
  return answers.flatMap((answer) => (answer.kind === 'result' && answer.result.ok ? [answer.result.data] : []));
}

export function describeAnswer(answer: CallAnswer): string {
  if (answer.kind === 'failure') return `failure ${answer.status} ${answer.errCode ?? ''} ${answer.errMsg}`;
  return answer.result.ok ? `ok #${answer.result.data.user.loginCount}` : `error ${answer.result.error.code}`;
}
