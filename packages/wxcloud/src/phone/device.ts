/**
 * A simulated phone running the mini-program's own compiled code in a Node vm: `App`, `getApp`,
 * `Page`, `getCurrentPages` and the part of `wx` the code uses (wx.ts), with wx.cloud going to the
 * emulator as this phone's user. Storage outlives a launch, so a second launch is warm. `Launch<G>`
 * types the app's `globalData` as the app declares it.
 *
 * @example
 *   const phone = new SimulatedDevice({ baseUrl, user: { OPENID: 'o1', APPID: 'wx1' } });
 *   const launch = await phone.launch();
 *   await launch.settled();            // the app's login has finished
 *   launch.page('pages/index/index').data.view
 *   await launch.wx.navigateTo({ url: '/pages/profile/profile' });
 */
import vm from 'node:vm';
import { miniprogramRootFromProject } from '../project';
import {
  appGlobals,
  pageStack,
  recordingConsole,
  scaledTimers,
  startApp,
  type AnyRecord,
  type AppGlobalLike,
  type AppInstance,
  type ConsoleLine,
  type LaunchEntry,
  type Registered,
} from './app-context';
import { compileMiniProgram } from './compile';
import type { PageInstance, PageStack, Render } from './pages';
import { PrivacyConsent } from './privacy';
import { createScreen, DEFAULT_AVATAR_PNG, type Picture, type Screen } from './user-actions';
import { createWx, type Dialogs, type SimulatedWx } from './wx';
import type { TempFiles } from './wx-cloud-storage';
import type { CallRecord, SimulatedUser } from './wx-cloud-client';

export type { SimulatedUser, CallRecord, PageInstance, Render, AppGlobalLike, ConsoleLine, LaunchEntry };

export interface DeviceOptions {
  /** The emulator's base URL, e.g. http://127.0.0.1:PORT */
  baseUrl: string;
  user: SimulatedUser;
  /** Defaults to the miniprogramRoot of the project in the current directory. */
  miniprogramRoot?: string;
  /** Multiplies every setTimeout delay of the app: 0 runs backoff waits at once. Default 1. */
  timeScale?: number;
  /** The number the phone-number button shares (WeChat's bound number); none: the user denies. */
  phoneNumber?: string;
  /** How the platform's own privacy popup is answered when the app registers no listener. Default agree. */
  privacyAnswer?: 'agree' | 'disagree';
  /** The version the app runs as (`wx.getAccountInfoSync().miniProgram.envVersion`). Default develop. */
  envVersion?: 'develop' | 'trial' | 'release';
  /** Told when a page of this phone renders or a launch closes. */
  onChange?: () => void;
}

export interface Launch<G = AppGlobalLike> {
  /** The App() instance: its globalData as the mini-program set it up. */
  app: AnyRecord & { globalData: G };
  calls: CallRecord[];
  renders: Render[];
  startedAt: number;
  /** Modals and toasts the app showed. */
  dialogs: Dialogs;
  /** The user acting on the topmost page (taps, open-type buttons, form submits). */
  screen: Screen;
  /** The app's console output during this launch. */
  logs: ConsoleLine[];
  /** The options the app gave wx.cloud.init, or undefined if it never called it. */
  cloudInit(): Record<string, unknown> | undefined;
  /** The `wx` the app's code sees, e.g. `launch.wx.cloud.database()` to act as the app would. */
  wx: SimulatedWx;
  /** The topmost open page of `route`, else its last instance (throws when it never opened). */
  page(route: string): PageInstance;
  /** The open pages, bottom first (what getCurrentPages() returns). */
  pages(): PageInstance[];
  /** Resolves when the app's login is no longer in flight (when the app exposes globalData.auth.whenSettled). */
  settled(): Promise<unknown>;
  close(): void;
}

/** The mini-program of the project in the current directory (project.config.json's miniprogramRoot). */
export const DEFAULT_MINIPROGRAM_ROOT = miniprogramRootFromProject(process.cwd());
export class SimulatedDevice {
  /** wx storage of this device, as JSON strings (what the real storage keeps). */
  readonly storage = new Map<string, string>();
  /** Temporary files (chooseAvatar's images, downloads), by wxfile:// path. */
  readonly tempFiles: TempFiles = new Map();
  readonly privacy: PrivacyConsent;
  user: SimulatedUser;
  phoneNumber: string | undefined;
  avatar: Uint8Array = DEFAULT_AVATAR_PNG;
  /** How the user answers the app's next modals: cancel unless the test (or the console's person) confirms. */
  answerModal: Dialogs['answerModal'] = () => false;
  /** Which item of the app's next action sheets the user picks: none (cancel) unless told. */
  answerActionSheet: Dialogs['answerActionSheet'] = () => undefined;
  /** The picture the user picks on chooseAvatar's sheet: `avatar` unless told; undefined cancels the sheet. */
  answerAvatar: () => Picture | undefined | Promise<Picture | undefined> = () => ({
    bytes: this.avatar,
    contentType: 'image/png',
  });
  /** The number the user shares from the phone-number button: `phoneNumber` unless told; undefined denies. */
  answerPhoneNumber: () => string | undefined | Promise<string | undefined> = () => this.phoneNumber;
  private readonly launches = new Set<Launch>();

  constructor(private readonly options: DeviceOptions) {
    this.user = options.user;
    this.phoneNumber = options.phoneNumber;
    this.privacy = new PrivacyConsent(options.privacyAnswer);
  }

  /**
   * Opens a URL scheme (`weixin://dl/business/?t=…`), URL link (`https://wxaurl.cn/…`) or a code's
   * content (`wxcloud://wxacode?…`) the local cloud made: launches the app at its page with its
   * query and scene, as WeChat does. Rejects with `openUrl:fail …` for an unknown or expired one.
   */
  async openUrl(url: string): Promise<Launch> {
    const response = await fetch(`${this.options.baseUrl}/wechat/open-url`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url }),
    });
    const opened = (await response.json()) as {
      path?: string;
      query?: Record<string, string>;
      scene?: number;
      errMsg?: string;
    };
    if (!response.ok || opened.path === undefined)
      throw new Error(opened.errMsg ?? `openUrl:fail HTTP ${response.status}`);
    return this.launch({ path: opened.path, query: opened.query ?? {}, scene: opened.scene ?? 1001 });
  }

  /** Launches the app at its first page (scene 1001), or at `entry` (a scheme, link or code opened). */
  async launch(entry?: LaunchEntry): Promise<Launch> {
    const root = this.options.miniprogramRoot ?? DEFAULT_MINIPROGRAM_ROOT;
    const compiled = await compileMiniProgram(root);
    this.privacy.offNeed(); // a listener belongs to the launch that registered it
    const startedAt = performance.now();
    const parts = {
      calls: [] as CallRecord[],
      timers: new Set<NodeJS.Timeout>(),
      logs: [] as ConsoleLine[],
      cloudInit: {} as { options?: AnyRecord },
    };
    const registered: Registered = {};
    const context: vm.Context = vm.createContext({ console: recordingConsole(parts.logs) });
    const pages = pageStack(root, compiled, context, registered, () => this.options.onChange?.());
    const dialogs: Dialogs = {
      modals: [],
      toasts: [],
      actionSheets: [],
      answerModal: (modal) => this.answerModal(modal),
      answerActionSheet: (sheet) => this.answerActionSheet(sheet),
    };
    const host = {
      baseUrl: this.options.baseUrl,
      user: () => this.user,
      pages,
      privacy: this.privacy,
      tempFiles: this.tempFiles,
    };
    const envVersion = this.options.envVersion ?? 'develop';
    const wx = createWx({
      ...host,
      storage: this.storage,
      calls: parts.calls,
      envVersion,
      cloudInit: parts.cloudInit,
      dialogs,
    });
    const screen = createScreen({
      ...host,
      miniprogramRoot: root,
      askPhoneNumber: async () => this.answerPhoneNumber(),
      askAvatar: async () => this.answerAvatar(),
    });
    Object.assign(context, {
      wx,
      ...appGlobals(registered, pages),
      ...scaledTimers(parts.timers, this.options.timeScale ?? 1),
    });
    const app = startApp(compiled, context, registered, pages, entry);
    const launch = this.launchHandle({ ...parts, app, pages, startedAt, dialogs, screen, wx });
    this.launches.add(launch);
    return launch;
  }

  private launchHandle(parts: LaunchParts): Launch {
    const { app, pages, timers } = parts;
    const launch: Launch = {
      app,
      calls: parts.calls,
      renders: pages.renders,
      startedAt: parts.startedAt,
      dialogs: parts.dialogs,
      screen: parts.screen,
      logs: parts.logs,
      cloudInit: () => parts.cloudInit.options,
      wx: parts.wx,
      page: (route) => {
        const page = pages.find(route) ?? pages.lastOpened.get(route);
        if (!page) throw new Error(`page ${route} was never opened`);
        return page;
      },
      pages: () => [...pages.stack],
      settled: async () => app.globalData.auth?.whenSettled?.(),
      close: () => {
        pages.closeAll();
        for (const timer of timers) clearTimeout(timer);
        this.launches.delete(launch);
        this.options.onChange?.();
      },
    };
    return launch;
  }

  /** Closes every launch of this phone (pages unloaded, timers cleared). */
  close(): void {
    for (const launch of [...this.launches]) launch.close();
  }
}

/** What a launch is made of, handed to launchHandle. */
interface LaunchParts {
  app: AppInstance;
  pages: PageStack;
  calls: CallRecord[];
  timers: Set<NodeJS.Timeout>;
  logs: ConsoleLine[];
  cloudInit: { options?: AnyRecord };
  startedAt: number;
  dialogs: Dialogs;
  screen: Screen;
  wx: SimulatedWx;
}

/** Milliseconds from a launch until one of its pages first rendered a user (`data.view.user`), or null. */
export function msUntilUserShown(launch: Pick<Launch, 'renders' | 'startedAt'>): number | null {
  const shown = launch.renders.find((render) => (render.data.view as { user?: unknown } | undefined)?.user);
  return shown ? shown.at - launch.startedAt : null;
}
