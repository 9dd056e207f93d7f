/**
 * What every part of the simulated `wx` shares: the phone it runs on (WxHost) and how an API
 * answers (answer.ts: through the callbacks given, or as a promise when there are none).
 */
import type { PageStack } from './pages';
import type { PrivacyConsent } from './privacy';
import type { CallRecord, SimulatedUser } from './wx-cloud-client';
import type { TempFiles } from './wx-cloud-storage';

/** What the parts of `wx` may use of the phone they run on. */
export interface WxHost {
  baseUrl: string;
  user(): SimulatedUser;
  storage: Map<string, string>;
  calls: CallRecord[];
  pages: PageStack;
  /** The version the app runs as (`wx.getAccountInfoSync().miniProgram.envVersion`). */
  envVersion: 'develop' | 'trial' | 'release';
  /** Where wx.cloud.init keeps the options the app gave it. */
  cloudInit: { options?: Record<string, unknown> };
  /** Privacy consent of this phone: guarded APIs wait for it (privacy.ts). */
  privacy: PrivacyConsent;
  /** Temporary files (chooseAvatar's images, downloads), by wxfile:// path. */
  tempFiles: TempFiles;
  dialogs: Dialogs;
}

/** What the phone showed the user, and how the user answers a modal (now, or once they decide). */
export interface Dialogs {
  modals: { title?: string; content?: string }[];
  toasts: { title: string; icon?: string }[];
  answerModal(modal: {
    title?: string;
    content?: string;
    confirmText?: string;
    cancelText?: string;
  }): boolean | Promise<boolean>;
  actionSheets: { itemList: string[] }[];
  /** The index picked, or undefined for cancel. */
  answerActionSheet(sheet: { itemList: string[] }): number | undefined | Promise<number | undefined>;
}

export { answer, type Callbacks } from './answer';
