/**
 * The profile flow `npm start` plays after the logins: one phone runs the mini-program's own
 * profile page as a user would (privacy popup, avatar, nickname, a refused nickname, the phone
 * button), and each step reports what the page then shows.
 */
import { SimulatedDevice, type Launch, type SimulatedUser } from '@wx-cloud-login/wxcloud';

export const PROFILE_DEMO_USER = { OPENID: 'oDemo-dora-0004', APPID: 'wx-demo-app' } satisfies SimulatedUser;
export const PROFILE_DEMO_PHONE = '13800138000';

export interface ProfileStep {
  title: string;
  ok: boolean;
  /** What the page shows after the step (masked phone, nickname, error code ...). */
  shown: string;
}

export interface ProfileDemoListener {
  stepStarted?(title: string): void;
  stepEnded?(step: ProfileStep): void;
}

type View = { nickNameText: string; phoneText: string; avatarUrl: string; errorCode: string; errorText: string };

export async function runProfileDemo(baseUrl: string, listener: ProfileDemoListener = {}): Promise<ProfileStep[]> {
  const phone = new SimulatedDevice({ baseUrl, user: PROFILE_DEMO_USER, phoneNumber: PROFILE_DEMO_PHONE });
  const launch = await phone.launch();
  const steps: ProfileStep[] = [];
  const step = async (
    title: string,
    act: () => Promise<unknown>,
    describe: (view: View) => { ok: boolean; shown: string },
  ) => {
    listener.stepStarted?.(title);
    await act();
    const done = { title, ...describe(viewOf(launch)) };
    steps.push(done);
    listener.stepEnded?.(done);
  };
  try {
    await launch.settled();
    await step(
      '打开个人资料页 / open the profile page',
      () => openProfile(launch),
      (view) => ({ ok: true, shown: `昵称 ${view.nickNameText}，手机号 ${view.phoneText}` }),
    );
    await step(
      '选择头像（先弹出隐私保护指引并同意）/ choose an avatar (privacy consent first)',
      () => withConsent(launch, launch.screen.tap('#choose-avatar')),
      (view) => ({
        ok: Boolean(view.avatarUrl),
        shown: view.avatarUrl ? `头像 / avatar ${new URL(view.avatarUrl).pathname}` : view.errorText,
      }),
    );
    await step(
      '填写昵称 / fill in the nickname',
      () => launch.screen.submitForm('#nickname-form', { nickName: '小多' }),
      (view) => ({ ok: !view.errorCode, shown: `昵称 / nickname ${view.nickNameText}` }),
    );
    await step(
      '含违规词的昵称被拒绝 / a risky nickname is refused',
      () => launch.screen.submitForm('#nickname-form', { nickName: '赌博小多' }),
      (view) => ({
        ok: view.errorCode === 'CONTENT_RISKY',
        shown: `${view.errorCode}：${view.errorText}，昵称仍为 ${view.nickNameText}`,
      }),
    );
    await step(
      '绑定手机号 / bind the phone number',
      () => launch.screen.tap('#bind-phone'),
      (view) => ({ ok: !view.errorCode, shown: `手机号 / phone ${view.phoneText}（脱敏显示 / masked）` }),
    );
  } finally {
    launch.close();
  }
  return steps;
}

async function openProfile(launch: Launch): Promise<void> {
  await launch.screen.tap('#open-profile');
  await launch.page('pages/profile/profile').whenLoaded;
}

/** Agrees in the page's privacy popup if the guarded API asks, then waits for it. */
async function withConsent(launch: Launch, action: Promise<unknown>): Promise<void> {
  const page = launch.page('pages/profile/profile');
  for (let i = 0; i < 100 && !(page.data.privacy as { show: boolean }).show; i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  if ((page.data.privacy as { show: boolean }).show) await launch.screen.tap('#agree-privacy');
  await action;
}

function viewOf(launch: Launch): View {
  return launch.page('pages/profile/profile').data.view as View;
}
