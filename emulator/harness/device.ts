/**
 * A simulated phone running the mini-program's own compiled code in a Node vm: `App`, `getApp`,
 * `Page` and the part of `wx` the code uses, with wx.cloud.callFunction going to the emulator's
 * client endpoint as this device's user. Storage outlives a launch, so a second launch is warm.
 *
 * @example
 *   const phone = new SimulatedDevice({ baseUrl, user: { OPENID: 'o1', APPID: 'wx1' } });
 *   const launch = await phone.launch();
 *   await launch.settled();            // the app's login has finished
 *   launch.page('pages/index/index').data.view
 */
import path from 'node:path';
import { format } from 'node:util';
import vm from 'node:vm';
import { compileMiniProgram } from './compile';
import { createCallFunction, type CallRecord, type SimulatedUser } from './wx-cloud-client';
import { createCloudDatabase } from './wx-cloud-database';

export type { SimulatedUser, CallRecord };

export interface DeviceOptions {
  /** The emulator's base URL, e.g. http://127.0.0.1:PORT */
  baseUrl: string;
  user: SimulatedUser;
  /** Defaults to this project's miniprogram/. */
  miniprogramRoot?: string;
  /** Multiplies every setTimeout delay of the app: 0 runs backoff waits at once. Default 1. */
  timeScale?: number;
  /** The version the app runs as (`wx.getAccountInfoSync().miniProgram.envVersion`). Default develop. */
  envVersion?: 'develop' | 'trial' | 'release';
}

/** What the app wrote to its console (DevTools' console on a real phone), kept off the test output. */
export interface ConsoleLine {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  text: string;
}

type AnyRecord = Record<string, unknown>;
interface PageInstance extends AnyRecord {
  data: AnyRecord;
  route: string;
  setData(patch: AnyRecord): void;
}
export interface Render {
  at: number;
  route: string;
  data: AnyRecord;
}

export interface Launch {
  /** The App() instance: its globalData as the mini-program set it up. */
  app: AnyRecord & { globalData: AnyRecord };
  calls: CallRecord[];
  renders: Render[];
  startedAt: number;
  /** The app's console output during this launch. */
  logs: ConsoleLine[];
  /** The options the app gave wx.cloud.init, or undefined if it never called it. */
  cloudInit(): AnyRecord | undefined;
  /** The `wx` the app's code sees, e.g. `launch.wx.cloud.database()` to act as the app would. */
  wx: ReturnType<SimulatedDevice['createWx']>;
  page(route: string): PageInstance;
  /** Resolves when the app's login is no longer in flight (the app exposes globalData.auth). */
  settled(): Promise<unknown>;
  close(): void;
}

const DEFAULT_ROOT = path.resolve(__dirname, '..', '..', 'miniprogram');

export class SimulatedDevice {
  /** wx storage of this device, as JSON strings (what the real storage keeps). */
  readonly storage = new Map<string, string>();
  user: SimulatedUser;

  constructor(private readonly options: DeviceOptions) {
    this.user = options.user;
  }

  async launch(): Promise<Launch> {
    const compiled = await compileMiniProgram(this.options.miniprogramRoot ?? DEFAULT_ROOT);
    const startedAt = performance.now();
    const calls: CallRecord[] = [];
    const renders: Render[] = [];
    const timers = new Set<NodeJS.Timeout>();
    let appInstance: (AnyRecord & { globalData: AnyRecord }) | undefined;
    const pages = new Map<string, PageInstance>();
    let pendingPage: AnyRecord | undefined;
    const timeScale = this.options.timeScale ?? 1;
    const wx = this.createWx(calls);
    const logs: ConsoleLine[] = [];
    const record = (level: ConsoleLine['level']) => (...args: unknown[]) => void logs.push({ level, text: format(...args) });

    const context = vm.createContext({
      console: { log: record('log'), info: record('info'), warn: record('warn'), error: record('error'), debug: record('debug') },
      wx,
      App: (options: AnyRecord & { globalData?: AnyRecord }) => {
        appInstance = { ...options, globalData: options.globalData ?? {} };
      },
      getApp: () => appInstance,
      Page: (options: AnyRecord) => {
        pendingPage = options;
      },
      getCurrentPages: () => [...pages.values()],
      setTimeout: (fn: () => void, ms?: number) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          fn();
        }, (ms ?? 0) * timeScale);
        timers.add(timer);
        return timer;
      },
      clearTimeout: (timer: NodeJS.Timeout) => {
        clearTimeout(timer);
        timers.delete(timer);
      },
    });

    runModule(compiled.app, context, 'app.js');
    if (!appInstance) throw new Error('app.ts did not call App()');
    callHook(appInstance, 'onLaunch', { path: 'pages/index/index', scene: 1001, query: {} });
    callHook(appInstance, 'onShow', { path: 'pages/index/index', scene: 1001, query: {} });

    for (const [route, code] of Object.entries(compiled.pages)) {
      pendingPage = undefined;
      runModule(code, context, `${route}.js`);
      if (!pendingPage) throw new Error(`${route}.ts did not call Page()`);
      pages.set(route, instantiatePage(route, pendingPage, renders));
    }
    const firstPage = pages.values().next().value;
    if (firstPage) for (const hook of ['onLoad', 'onShow', 'onReady']) callHook(firstPage, hook, {});

    const app = appInstance;
    return {
      app,
      calls,
      renders,
      startedAt,
      logs,
      cloudInit: () => wx.cloud.initOptions,
      wx,
      page: (route) => {
        const page = pages.get(route);
        if (!page) throw new Error(`no page ${route} in app.json`);
        return page;
      },
      settled: () => (app.globalData.auth as { whenSettled(): Promise<unknown> }).whenSettled(),
      close: () => {
        for (const [, page] of pages) callHook(page, 'onUnload', {});
        for (const timer of timers) clearTimeout(timer);
      },
    };
  }

  createWx(calls: CallRecord[]) {
    const storage = this.storage;
    const user = () => this.user;
    const envVersion = this.options.envVersion ?? 'develop';
    return {
      getAccountInfoSync: () => ({ miniProgram: { appId: user().APPID, envVersion, version: '' } }),
      cloud: {
        initOptions: undefined as AnyRecord | undefined,
        init(options: AnyRecord) {
          this.initOptions = options;
        },
        callFunction: createCallFunction(this.options.baseUrl, () => this.user, calls),
        database: createCloudDatabase(this.options.baseUrl, () => this.user),
      },
      getStorageSync: (key: string) => {
        const value = storage.get(key);
        return value === undefined ? '' : JSON.parse(value);
      },
      setStorageSync: (key: string, value: unknown) => void storage.set(key, JSON.stringify(value)),
      removeStorageSync: (key: string) => void storage.delete(key),
      clearStorageSync: () => storage.clear(),
    };
  }
}

/** Milliseconds from a launch until one of its pages first rendered a user (`data.view.user`), or null. */
export function msUntilUserShown(launch: Pick<Launch, 'renders' | 'startedAt'>): number | null {
  const shown = launch.renders.find((render) => (render.data.view as { user?: unknown } | undefined)?.user);
  return shown ? shown.at - launch.startedAt : null;
}

function runModule(code: string, context: vm.Context, filename: string): void {
  const module = { exports: {} };
  const wrapper = vm.runInContext(`(function (module, exports) {\n${code}\n})`, context, { filename }) as (m: unknown, e: unknown) => void;
  wrapper(module, module.exports);
}

function instantiatePage(route: string, options: AnyRecord, renders: Render[]): PageInstance {
  const page = { ...options, route, data: structuredClone((options.data ?? {}) as AnyRecord) } as PageInstance;
  page.setData = (patch) => {
    page.data = { ...page.data, ...structuredClone(patch) };
    renders.push({ at: performance.now(), route, data: page.data });
  };
  return page;
}

function callHook(target: AnyRecord, name: string, arg: unknown): void {
  const hook = target[name];
  if (typeof hook === 'function') hook.call(target, arg);
}
