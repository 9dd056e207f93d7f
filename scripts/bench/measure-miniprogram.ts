/**
 * The mini-program's view: a simulated phone runs the app's own compiled code against the local
 * cloud. A first launch (empty storage) and then a warm launch on the same phone (the user cached
 * by the first): the cloud calls each makes, and the time until the index page shows a user.
 */
import { msUntilUserShown, SimulatedDevice, type Launch } from '@wx-cloud-login/wxcloud';
import type { BenchContext } from './context';
import { median, round } from './stats';

export interface LaunchFigures {
  calls: number;
  msToUser: number;
}

/** Calls made and ms from launch to the first render that shows a user. */
export function launchFigures(launch: Pick<Launch, 'calls' | 'renders' | 'startedAt'>): LaunchFigures {
  const msToUser = msUntilUserShown(launch);
  if (msToUser === null) throw new Error('the index page never showed a user');
  return { calls: launch.calls.length, msToUser };
}

async function launchOnce(device: SimulatedDevice): Promise<LaunchFigures> {
  const launch = await device.launch();
  try {
    await launch.settled();
    return launchFigures(launch);
  } finally {
    launch.close();
  }
}

function summarize(figures: LaunchFigures[]): LaunchFigures {
  return {
    calls: median(figures.map((figure) => figure.calls)),
    msToUser: round(median(figures.map((figure) => figure.msToUser)), 2),
  };
}

export async function measureMiniprogram(
  context: BenchContext,
): Promise<{ launches: number; firstLaunch: LaunchFigures; warmLaunch: LaunchFigures }> {
  const { cloud, plan, progress } = context;
  progress.phase('小程序 mini-program: first / warm launch', plan.miniprogramLaunches * 2);
  const first: LaunchFigures[] = [];
  const warm: LaunchFigures[] = [];
  for (let index = 0; index < plan.miniprogramLaunches; index++) {
    const device = new SimulatedDevice({ baseUrl: cloud.baseUrl, user: context.newUser('phone') });
    first.push(await launchOnce(device));
    progress.advance();
    warm.push(await launchOnce(device));
    progress.advance();
  }
  return { launches: plan.miniprogramLaunches, firstLaunch: summarize(first), warmLaunch: summarize(warm) };
}
