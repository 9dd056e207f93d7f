import type { User } from '../../../typings/login';
import { formatTime, maskOpenid, presentAuthState } from './present';

const USER: User = {
  openid: 'oABCD1234567890wxyz',
  appid: 'wx1',
  createdAt: '2026-01-01T16:05:00.000Z',
  lastLoginAt: '2026-01-02T00:00:00.000Z',
  loginCount: 7,
};

describe('index page view', () => {
  it('masks the openid', () => {
    expect(maskOpenid('oABCD1234567890wxyz')).toBe('oABC****wxyz');
    expect(maskOpenid('short')).toBe('sh****');
  });

  it('formats times in the given zone', () => {
    expect(formatTime('2026-01-01T16:05:00.000Z', -480)).toBe('2026-01-02 00:05');
    expect(formatTime('2026-01-01T16:05:00.000Z', 0)).toBe('2026-01-01 16:05');
  });

  it('shows a signed-in user with first login time and count', () => {
    const view = presentAuthState({ status: 'signedIn', user: USER, isNewUser: false, fromCache: false }, -480);
    expect(view).toMatchObject({ headline: '欢迎回来', showRetry: false });
    expect(view.user).toEqual({
      maskedOpenid: 'oABC****wxyz',
      unionidText: '未获取',
      firstLoginText: '2026-01-02 00:05',
      lastLoginText: '2026-01-02 08:00',
      loginCountText: '7 次',
    });
  });

  it('says when the shown user comes from the cache', () => {
    expect(presentAuthState({ status: 'signedIn', user: USER, isNewUser: false, fromCache: true }).detail).toMatch(
      /刷新/,
    );
  });

  it(
    'shows a failure in Chinese meant for users, without codes or ' +
      'developer details, a retry, and the last known user',
    () => {
      const error = {
        code: 'FUNCTION_ERROR' as const,
        message: '云函数调用失败 / The cloud function failed: -501000 env not found',
        retryable: false,
      };
      const view = presentAuthState({ status: 'failed', error, cachedUser: USER });
      expect(view).toMatchObject({
        status: 'failed',
        showRetry: true,
        detail: '服务暂时不可用，请稍后再试',
      });
      expect(JSON.stringify(view)).not.toMatch(/FUNCTION_ERROR|-501000|cloud function/);
      expect(
        presentAuthState({ status: 'failed', error: { ...error, code: 'NETWORK' }, cachedUser: null }).detail,
      ).toBe('网络不太顺畅，请检查网络后再试');
      expect(view.user?.loginCountText).toBe('7 次');
    },
  );

  it('shows loading', () => {
    expect(presentAuthState({ status: 'loading' })).toMatchObject({
      headline: '正在登录…',
      user: null,
      showRetry: false,
    });
  });

  it('shows the signed-out state with a login button and no profile entry', () => {
    expect(presentAuthState({ status: 'signedOut' })).toMatchObject({
      headline: '已退出登录',
      user: null,
      showLogin: true,
      showProfileEntry: false,
      showRetry: false,
    });
    expect(
      presentAuthState({ status: 'signedIn', user: USER, isNewUser: false, fromCache: false }).showProfileEntry,
    ).toBe(true);
  });
});
