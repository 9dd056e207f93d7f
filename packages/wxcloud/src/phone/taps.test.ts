/** Tap targets come from the page as rendered on WeChat's component engine; only those can be tapped. */
import { DEFAULT_MINIPROGRAM_ROOT } from './device';
import type { PageInstance } from './pages';
import { tap, tapTargets } from './taps';

const index = (view: Record<string, unknown>) => ({ route: 'pages/index/index', data: { view } });
const labels = (view: Record<string, unknown>) =>
  tapTargets(DEFAULT_MINIPROGRAM_ROOT, index(view)).map(({ handler, label }) => [handler, label]);

test('a signed-in index page offers its profile entry, labelled with what it shows, and no login or retry', () => {
  const signedIn = {
    status: 'signedIn',
    headline: '欢迎回来',
    user: { maskedOpenid: 'oDem****0001' },
    showProfileEntry: true,
    showLogin: false,
    showRetry: false,
  };
  expect(labels(signedIn)).toEqual([['onOpenProfile', '个人资料 头像、昵称、手机号 ›']]);
  expect(tapTargets(DEFAULT_MINIPROGRAM_ROOT, index(signedIn))[0]).toMatchObject({ id: 'open-profile', dataset: {} });
});

test('a failed or signed-out index page offers exactly its retry or its login button', () => {
  expect(labels({ status: 'failed', showRetry: true })).toEqual([['onRetry', '重试']]);
  expect(labels({ status: 'signedOut', showLogin: true })).toEqual([['onLogin', '微信登录']]);
  expect(tapTargets(DEFAULT_MINIPROGRAM_ROOT, { route: 'pages/none/none', data: {} })).toEqual([]);
});

test('the profile page shows 拒绝 only while its privacy dialog is shown', () => {
  const profile = (show: boolean) =>
    tapTargets(DEFAULT_MINIPROGRAM_ROOT, { route: 'pages/profile/profile', data: { view: {}, privacy: { show } } }).map(
      (target) => target.label,
    );
  expect(profile(false)).toEqual(['退出登录', '注销账号']);
  expect(profile(true)).toEqual(['退出登录', '注销账号', '拒绝']);
});

test('a tap calls the handler of a shown element with its id and dataset; anything else is refused', () => {
  const events: unknown[] = [];
  const page = {
    route: 'p',
    data: {},
    options: {},
    setData: () => undefined,
    onRetry: (event: unknown) => events.push(event),
    onUnload: () => events.push('unload'),
  } as unknown as PageInstance;
  const targets = [{ handler: 'onRetry', label: '重试', id: 'retry', dataset: { n: 1 } }];
  tap(page, targets, 'onRetry');
  expect(events).toEqual([
    expect.objectContaining({ type: 'tap', detail: {}, currentTarget: { id: 'retry', dataset: { n: 1 } } }),
  ]);
  expect(() => tap(page, targets, 'onUnload')).toThrow('shows no tap target "onUnload"');
});
