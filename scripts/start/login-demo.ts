/**
 * The login flow `npm start` plays against the local cloud: simulated phones run the
 * mini-program's own code as a few users. Each step reports what actually happened, so a rerun on
 * the durable store (where the users already exist) tells its own story.
 */
import { msUntilUserShown, SimulatedDevice, type Launch, type SimulatedUser } from '@wx-cloud-login/wxcloud';

export interface DeviceOutcome {
  status: string;
  isNewUser: boolean;
  loginCount: number | null;
  unionid: string | null;
  /** Milliseconds from launch until the index page first showed a user (cache or server). */
  msToUser: number | null;
  calls: number;
  error: string | null;
}

export interface DemoStep {
  title: string;
  outcomes: DeviceOutcome[];
}

export const DEMO_USERS = {
  alice: { OPENID: 'oDemo-alice-0001', APPID: 'wx-demo-app', UNIONID: 'uDemo-alice' },
  bob: { OPENID: 'oDemo-bob-0002', APPID: 'wx-demo-app' },
  carol: { OPENID: 'oDemo-carol-0003', APPID: 'wx-demo-app' },
} satisfies Record<string, SimulatedUser>;

export interface DemoListener {
  stepStarted?(title: string): void;
  stepEnded?(step: DemoStep): void;
}

/** Step titles for a first run (empty store) and for a rerun, where the demo users already exist. */
function titlesFor(returningUsers: boolean) {
  return returningUsers
    ? {
        alice:
          '老用户在新手机上启动（上次运行已注册）/ a returning user launches on a new phone ' +
          '(alice, signed up in an earlier run)',
        carol: '不带 unionid 登录：已知的 unionid 保留 / a login without unionid keeps the known one (carol)',
      }
    : {
        alice: '新用户首次启动 / a new user launches for the first time (alice)',
        carol: '没有 unionid 的用户 / a user without unionid (carol)',
      };
}

export async function runLoginDemo(
  baseUrl: string,
  listener: DemoListener = {},
  { returningUsers = false } = {},
): Promise<DemoStep[]> {
  const titles = titlesFor(returningUsers);
  const steps: DemoStep[] = [];
  const step = async (title: string, run: () => Promise<DeviceOutcome[]>) => {
    listener.stepStarted?.(title);
    const done = { title, outcomes: await run() };
    steps.push(done);
    listener.stepEnded?.(done);
  };
  const phone = (user: SimulatedUser) => new SimulatedDevice({ baseUrl, user });

  const alicePhone = phone(DEMO_USERS.alice);
  await step(titles.alice, async () => [await launchOnce(alicePhone)]);
  await step(
    '再次启动，先显示缓存的用户 / warm launch: the cached ' + 'user at once, then refreshed (alice)',
    async () => [await launchOnce(alicePhone)],
  );

  const bobDevices = [phone(DEMO_USERS.bob), phone(DEMO_USERS.bob)];
  await step('同一用户的两台设备同时启动 / two devices of one user launch at once (bob)', () =>
    Promise.all(bobDevices.map(launchOnce)),
  );

  const carolPhone = phone(DEMO_USERS.carol);
  await step(titles.carol, async () => [await launchOnce(carolPhone)]);
  carolPhone.user = { ...DEMO_USERS.carol, UNIONID: 'uDemo-carol' };
  await step('同一用户之后获得 unionid / the same user later gets one (carol)', async () => [
    await launchOnce(carolPhone),
  ]);
  return steps;
}

async function launchOnce(device: SimulatedDevice): Promise<DeviceOutcome> {
  const launch = await device.launch();
  await launch.settled();
  launch.close();
  return outcomeOf(launch);
}

type AuthState = {
  status: string;
  isNewUser?: boolean;
  user?: { loginCount: number; unionid?: string };
  error?: { code: string; message: string };
};

function outcomeOf(launch: Launch): DeviceOutcome {
  const state = (launch.app.globalData.auth as { getState(): AuthState }).getState();
  return {
    status: state.status,
    isNewUser: state.isNewUser ?? false,
    loginCount: state.user?.loginCount ?? null,
    unionid: state.user?.unionid ?? null,
    msToUser: msUntilUserShown(launch),
    calls: launch.calls.length,
    error: state.error ? `${state.error.code}: ${state.error.message}` : null,
  };
}
