/**
 * What the index page shows for a login state: plain data for WXML, decided without `wx`.
 * Users see Chinese text meant for them; error codes and details stay in the logs.
 */
import type { User } from '../../../typings/login';
import { userMessageFor } from '../../shared/error-codes';
import type { AuthState } from '../../services/auth-state';

export interface UserView {
  maskedOpenid: string;
  unionidText: string;
  firstLoginText: string;
  lastLoginText: string;
  loginCountText: string;
}

export interface IndexView {
  status: AuthState['status'];
  headline: string;
  detail: string;
  user: UserView | null;
  showRetry: boolean;
  /** The entry to the profile page (signed in only). */
  showProfileEntry: boolean;
  /** The login button of the signed-out state. */
  showLogin: boolean;
}

const CHINA_OFFSET_MINUTES = -480;

export function presentAuthState(state: AuthState, timezoneOffsetMinutes = CHINA_OFFSET_MINUTES): IndexView {
  const view = (user: User | null) => (user ? presentUser(user, timezoneOffsetMinutes) : null);
  switch (state.status) {
    case 'loading':
      return {
        status: 'loading',
        headline: '正在登录…',
        detail: '',
        user: null,
        showRetry: false,
        showProfileEntry: false,
        showLogin: false,
      };
    case 'signedOut':
      return {
        status: 'signedOut',
        headline: '已退出登录',
        detail: '点击下方按钮重新登录',
        user: null,
        showRetry: false,
        showProfileEntry: false,
        showLogin: true,
      };
    case 'signedIn':
      return {
        status: 'signedIn',
        headline: state.isNewUser ? '欢迎，新朋友' : '欢迎回来',
        detail: state.fromCache ? '已显示上次的登录信息，正在刷新…' : '已登录',
        user: view(state.user),
        showRetry: false,
        showProfileEntry: true,
        showLogin: false,
      };
    case 'failed':
      return {
        status: 'failed',
        headline: '登录失败',
        detail: userMessageFor(state.error.code),
        user: view(state.cachedUser),
        showRetry: true,
        showProfileEntry: false,
        showLogin: false,
      };
  }
}

/** Keeps the first and last four characters: enough to tell users apart, not enough to copy. */
export function maskOpenid(openid: string): string {
  if (openid.length <= 8) return `${openid.slice(0, 2)}****`;
  return `${openid.slice(0, 4)}****${openid.slice(-4)}`;
}

/** "2026-01-02 08:03" in the given zone (offset as Date#getTimezoneOffset gives it). */
export function formatTime(iso: string, timezoneOffsetMinutes: number): string {
  const shifted = new Date(Date.parse(iso) - timezoneOffsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
  return `${day} ${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`;
}

function presentUser(user: User, timezoneOffsetMinutes: number): UserView {
  return {
    maskedOpenid: maskOpenid(user.openid),
    unionidText: user.unionid ? maskOpenid(user.unionid) : '未获取',
    firstLoginText: formatTime(user.createdAt, timezoneOffsetMinutes),
    lastLoginText: formatTime(user.lastLoginAt, timezoneOffsetMinutes),
    loginCountText: `${user.loginCount} 次`,
  };
}
