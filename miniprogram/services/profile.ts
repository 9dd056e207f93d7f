/**
 * The profile page's work, pure of `wx` (wx-profile.ts gives the real deps): reading the user's own
 * document (the security rule lets only them read it), uploading an avatar to their avatar folder
 * and saving it, saving a nickname, binding the phone number from the button's code, deleting the
 * account. Every step ends in a state the page presents; nothing throws.
 */
import type { Profile } from '../../typings/profile';
import { errorBody, type ErrorBody } from '../shared/error-codes';
import { toClientResult, type ClientResult } from './function-call';
import type { CallOutcome } from './login-transport';

export interface ProfileDeps {
  callFunction(name: string, data: Record<string, unknown>): Promise<CallOutcome>;
  /** Uploads a temporary file; resolves with its fileID, rejects with { errCode, errMsg }. */
  uploadFile(cloudPath: string, filePath: string): Promise<string>;
  /** A URL the page can show for a file the user may read ('' when it cannot be had). */
  temporaryUrl(fileId: string): Promise<string>;
  /** The user's own users document through the client database, or null. */
  readOwnDocument(openid: string): Promise<Record<string, unknown> | null>;
  now(): number;
}

export interface ProfileState {
  status: 'loading' | 'ready' | 'saving' | 'deleted';
  profile: Profile | null;
  avatarUrl: string;
  error: ErrorBody | null;
  /** A short confirmation of the last step that succeeded. */
  notice: string;
}

export const FUNCTIONS = { update: 'updateProfile', bindPhone: 'bindPhone', delete: 'deleteAccount' } as const;

const isProfileData = (data: unknown): data is { profile: Profile } =>
  typeof (data as { profile?: { openid?: unknown } } | null)?.profile?.openid === 'string';
const isDeleteData = (data: unknown): data is { deleted: boolean } =>
  typeof (data as { deleted?: unknown } | null)?.deleted === 'boolean';

export class ProfileService {
  private state: ProfileState = { status: 'loading', profile: null, avatarUrl: '', error: null, notice: '' };
  private readonly listeners = new Set<(state: ProfileState) => void>();

  constructor(
    private readonly deps: ProfileDeps,
    private readonly openid: string,
  ) {}

  subscribe(listener: (state: ProfileState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  getState(): ProfileState {
    return this.state;
  }

  async load(): Promise<ProfileState> {
    try {
      const document = await this.deps.readOwnDocument(this.openid);
      const profile = document ? profileOf(this.openid, document) : { openid: this.openid };
      return this.set({
        status: 'ready',
        profile,
        avatarUrl: await this.urlOf(profile.avatarFileId),
        error: null,
        notice: '',
      });
    } catch (error) {
      return this.set({ ...this.state, status: 'ready', error: errorBody('NETWORK', describe(error)) });
    }
  }

  /** chooseAvatar gave `tempPath`: upload it to the user's avatar folder, then save it. */
  async saveAvatar(tempPath: string): Promise<ProfileState> {
    this.set({ ...this.state, status: 'saving', error: null, notice: '' });
    let fileId: string;
    try {
      fileId = await this.deps.uploadFile(
        `avatars/${this.openid}/${this.deps.now()}${extensionOf(tempPath)}`,
        tempPath,
      );
    } catch (error) {
      return this.set({ ...this.state, status: 'ready', error: errorBody('NETWORK', describe(error)) });
    }
    return this.applyProfileCall(FUNCTIONS.update, { avatarFileId: fileId }, '头像已更新');
  }

  saveNickname(nickName: string): Promise<ProfileState> {
    const trimmed = nickName.trim();
    if (!trimmed)
      return Promise.resolve(this.set({ ...this.state, error: errorBody('NICKNAME_REQUIRED'), notice: '' }));
    return this.applyProfileCall(FUNCTIONS.update, { nickName: trimmed }, '昵称已保存');
  }

  /** The phone-number button's event detail. */
  bindPhone(detail: { code?: string; errno?: number; errMsg?: string }): Promise<ProfileState> {
    if (!detail.code) {
      const code = detail.errno === 104 ? 'PRIVACY_DENIED' : 'PHONE_DENIED';
      return Promise.resolve(this.set({ ...this.state, error: errorBody(code, detail.errMsg), notice: '' }));
    }
    return this.applyProfileCall(FUNCTIONS.bindPhone, { code: detail.code }, '手机号已绑定');
  }

  async deleteAccount(): Promise<ProfileState> {
    this.set({ ...this.state, status: 'saving', error: null, notice: '' });
    const result = toClientResult(await this.deps.callFunction(FUNCTIONS.delete, { confirm: true }), isDeleteData);
    if (!result.ok) return this.set({ ...this.state, status: 'ready', error: result.error });
    return this.set({ status: 'deleted', profile: null, avatarUrl: '', error: null, notice: '账号已注销' });
  }

  private async applyProfileCall(name: string, data: Record<string, unknown>, notice: string): Promise<ProfileState> {
    this.set({ ...this.state, status: 'saving', error: null, notice: '' });
    const result: ClientResult<{ profile: Profile }> = toClientResult(
      await this.deps.callFunction(name, data),
      isProfileData,
    );
    if (!result.ok) return this.set({ ...this.state, status: 'ready', error: result.error });
    const profile = result.data.profile;
    const avatarUrl =
      profile.avatarFileId === this.state.profile?.avatarFileId && this.state.avatarUrl
        ? this.state.avatarUrl
        : await this.urlOf(profile.avatarFileId);
    return this.set({ status: 'ready', profile, avatarUrl, error: null, notice });
  }

  private async urlOf(fileId: string | undefined): Promise<string> {
    if (!fileId) return '';
    try {
      return await this.deps.temporaryUrl(fileId);
    } catch {
      return '';
    }
  }

  private set(next: ProfileState): ProfileState {
    this.state = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }
}

function profileOf(openid: string, document: Record<string, unknown>): Profile {
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const phone = document.phone as { phoneNumber?: unknown; countryCode?: unknown } | undefined;
  const fields = {
    nickName: text(document.nickName),
    avatarFileId: text(document.avatarFileId),
    phoneNumber: text(phone?.phoneNumber),
    countryCode: text(phone?.countryCode),
  };
  return { openid, ...Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) };
}

function extensionOf(path: string): string {
  const match = /\.(png|jpe?g|gif|webp)$/i.exec(path);
  return match ? match[0].toLowerCase() : '.png';
}

function describe(error: unknown): string {
  const e = error as { errCode?: unknown; errMsg?: unknown; message?: unknown } | null;
  return [e?.errCode, e?.errMsg ?? e?.message].filter((part) => part !== undefined).join(' ') || String(error);
}
