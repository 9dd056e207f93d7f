/**
 * Database figures, counted by the emulator rather than timed: requests per login (returning and
 * first, each implementation) and the documents left by many concurrent first logins of one user.
 */
import type { EmulatorStats } from '@wx-cloud-login/wxcloud';
import { FUNCTION_OF, type BenchContext } from './context';
import { loginOverHttp, runClosedLoop } from './load';
import { IMPLEMENTATIONS, LOGIN_KINDS, type Implementation, type LoginKind } from './report';
import { seededUser } from './seed';
import { round } from './stats';
import { connectSdk } from '@wx-cloud-login/wxcloud';

export interface RequestCount {
  perLogin: number;
  byAction: Record<string, number>;
}

/** Requests per login, and per action, from counters taken over `logins` logins. */
export function requestsPerLogin(stats: EmulatorStats, logins: number): RequestCount {
  const byAction: Record<string, number> = {};
  for (const [action, { total }] of Object.entries(stats.byAction))
    byAction[action.replace(/^database\./, '')] = round(total / logins, 2);
  return { perLogin: round(stats.total / logins, 2), byAction };
}

/** Logs in one at a time, so each login's requests are its own; returning users are the seeded ones. */
export async function countRequests(
  context: BenchContext,
): Promise<Record<Implementation, Record<LoginKind, RequestCount>>> {
  const { cloud, plan, progress } = context;
  progress.phase(
    '每次登录的数据库请求 / database requests per login',
    IMPLEMENTATIONS.length * LOGIN_KINDS.length * plan.dbRequestSamples,
  );
  const counts = {} as Record<Implementation, Record<LoginKind, RequestCount>>;
  let seeded = 0;
  for (const implementation of IMPLEMENTATIONS) {
    counts[implementation] = {} as Record<LoginKind, RequestCount>;
    for (const kind of LOGIN_KINDS) {
      const users = Array.from({ length: plan.dbRequestSamples }, () =>
        kind === 'returning' ? seededUser(seeded++) : context.newUser(`count-${implementation}`),
      );
      cloud.resetStats();
      for (const user of users) {
        await loginOverHttp(cloud.baseUrl, FUNCTION_OF[implementation], user, kind);
        progress.advance();
      }
      counts[implementation][kind] = requestsPerLogin(cloud.stats(), users.length);
    }
  }
  return counts;
}

export interface DuplicateFigures {
  documents: Record<Implementation, number>;
  /** Logins that answered an error instead of a user (reported, not hidden: a race the function lost). */
  failedLogins: Record<Implementation, number>;
  firstFailure: Partial<Record<Implementation, string>>;
}

/** Fires `duplicateLogins` first logins of one new user at once, per implementation; counts that user's documents. */
export async function countDuplicates(context: BenchContext): Promise<DuplicateFigures> {
  const { cloud, plan, progress } = context;
  progress.phase(
    `${plan.duplicateLogins} 个并发首次登录 / concurrent first logins of one user`,
    IMPLEMENTATIONS.length * plan.duplicateLogins,
  );
  const figures: DuplicateFigures = {
    documents: { ours: 0, baseline: 0 },
    failedLogins: { ours: 0, baseline: 0 },
    firstFailure: {},
  };
  for (const implementation of IMPLEMENTATIONS) {
    const user = context.newUser(`race-${implementation}`);
    const logins = Array.from({ length: plan.duplicateLogins }, () => user);
    await runClosedLoop(logins, logins.length, async () => {
      try {
        await loginOverHttp(cloud.baseUrl, FUNCTION_OF[implementation], user, 'first');
      } catch (error) {
        figures.failedLogins[implementation] += 1;
        figures.firstFailure[implementation] ??= (error as Error).message;
      }
      progress.advance();
    });
    figures.documents[implementation] = await countUserDocuments(context, user.OPENID);
  }
  return figures;
}

/** Counted through the real SDK, the way a developer would look in the console. */
async function countUserDocuments(context: BenchContext, openid: string): Promise<number> {
  const { total } = (await connectSdk(context.cloud)
    .database()
    .collection('users')
    .where({ _openid: openid })
    .count()) as unknown as { total: number };
  return total;
}
