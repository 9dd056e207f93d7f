/** What the profile page shows for a profile state and a privacy prompt: plain data for WXML, decided without `wx`. */
import type { PrivacyPrompt } from '../../services/privacy-gate';
import { userMessageFor } from '../../shared/error-codes';
import type { ProfileState } from '../../services/profile';

export interface ProfileView {
  status: ProfileState['status'];
  avatarUrl: string;
  /** The first character of the nickname when there is no avatar image yet. */
  avatarLetter: string;
  nickName: string;
  nickNameText: string;
  phoneText: string;
  phoneBound: boolean;
  busy: boolean;
  notice: string;
  /** What the page tells the user (Chinese, no codes or developer details). */
  errorText: string;
  /** The code, kept in the data for tests and the console; the page does not show it. */
  errorCode: string;
}

export interface PrivacyView {
  show: boolean;
  title: string;
  text: string;
}

/** Keeps the first three and last four digits of the number without its country code: 138****8000. */
export function maskPhone(phone: string, countryCode = '86'): string {
  const digits = phone.startsWith(`+${countryCode}`) ? phone.slice(countryCode.length + 1).trim() : phone;
  if (digits.length < 8) return `${digits.slice(0, 1)}****`;
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

function countryPrefix(countryCode: string | undefined): string {
  return countryCode && countryCode !== '86' ? `+${countryCode} ` : '';
}

export function presentProfile(state: ProfileState): ProfileView {
  const profile = state.profile;
  const nickName = profile?.nickName ?? '';
  const phone = profile?.phoneNumber;
  return {
    status: state.status,
    avatarUrl: state.avatarUrl,
    avatarLetter: nickName ? (Array.from(nickName)[0] ?? '微') : '微',
    nickName,
    nickNameText: nickName || '未设置',
    phoneText: phone ? `${countryPrefix(profile?.countryCode)}${maskPhone(phone, profile?.countryCode)}` : '未绑定',
    phoneBound: Boolean(phone),
    busy: state.status === 'saving' || state.status === 'loading',
    notice: state.notice,
    errorText: state.error ? userMessageFor(state.error.code) : '',
    errorCode: state.error?.code ?? '',
  };
}

const REFERRERS: Record<string, string> = {
  chooseAvatar: '选择头像',
  nickname: '填写昵称',
  getPhoneNumber: '获取手机号',
};

const PRIVACY_USE = '我们仅将头像、昵称和手机号用于展示你的个人资料。';

export function presentPrivacy(prompt: PrivacyPrompt): PrivacyView {
  const what = REFERRERS[prompt.referrer] ?? '使用此功能';
  return {
    show: prompt.pending,
    title: '用户隐私保护提示',
    text: `${what}前，请阅读并同意《小程序隐私保护指引》。${PRIVACY_USE}`,
  };
}

const DELETED_DATA = '你的头像、昵称、手机号和登录记录';
const DELETE_WARNING = `注销后，${DELETED_DATA}将被永久删除，且无法恢复。`;

export const DELETE_CONFIRMATION = {
  title: '注销账号',
  content: `${DELETE_WARNING}确定注销吗？`,
  confirmText: '注销',
  confirmColor: '#fa5151',
};
