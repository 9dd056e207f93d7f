/**
 * What every measuring phase gets: the running local cloud (both functions mounted), the plan,
 * the progress display, and fresh users nobody has logged in as yet.
 */
import type { WxUser } from '@wx-cloud-login/wxcloud';
import type { LocalCloud } from '@wx-cloud-login/wxcloud';
import { BENCH_FUNCTIONS } from './functions-root';
import type { BenchPlan } from './plan';
import type { Progress } from './progress';
import type { Implementation } from './report';
import { BENCH_APPID } from './seed';

export interface BenchContext {
  cloud: LocalCloud;
  plan: BenchPlan;
  progress: Progress;
  /** Where the phases write their import files. */
  workDir: string;
  /** A user who has never logged in (unique for the whole run). */
  newUser(tag: string): WxUser;
}

export const FUNCTION_OF: Record<Implementation, string> = {
  ours: BENCH_FUNCTIONS.ours,
  baseline: BENCH_FUNCTIONS.baseline,
};

export function newUserFactory(): (tag: string) => WxUser {
  let counter = 0;
  return (tag) => ({ OPENID: `oBench-${tag}-${String(++counter).padStart(6, '0')}`, APPID: BENCH_APPID });
}
