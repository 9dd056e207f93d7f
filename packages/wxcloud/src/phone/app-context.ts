/**
 * The app's side of a simulated phone: the vm context its compiled code runs in, with `App`, `getApp`,
 * `Page`, `getCurrentPages`, a recording `console` and scaled timers, and the start of the app
 * (app.js, onLaunch, onShow, the first page). device.ts puts it together with `wx`.
 */
import { format } from 'node:util';
import vm from 'node:vm';
import { readPages, type CompiledMiniProgram } from './compile';
import { callHook, PageStack, type PageHooks } from './pages';
import { pageComposer, useComponentLoader } from './render/compose';
import { usedComponents, type ComponentLoader } from './render/components';
import { renderPage } from './taps';

export type AnyRecord = Record<string, unknown>;

/** What the app wrote to its console (DevTools' console on a real phone), kept off the test output. */
export interface ConsoleLine {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  text: string;
}

/** What the phone reads of any app's globalData: an auth service with `whenSettled`, when the app has one. */
export type AppGlobalLike = AnyRecord & { auth?: { whenSettled?: () => Promise<unknown> } };

const LAUNCH_OPTIONS = { scene: 1001, query: {} };

/** Where a launch starts: a page, its query and the scene (what App.onLaunch receives). */
export interface LaunchEntry {
  path: string;
  query: Record<string, string>;
  scene: number;
}

export type AppInstance = AnyRecord & { globalData: AppGlobalLike };

/** What App() and Page() registered while the app's modules ran. */
export interface Registered {
  app?: AppInstance;
  page?: AnyRecord;
  component?: AnyRecord;
}

/** The app's `console`, kept in `logs` instead of the test output. */
export function recordingConsole(logs: ConsoleLine[]) {
  const record =
    (level: ConsoleLine['level']) =>
    (...args: unknown[]) =>
      void logs.push({ level, text: format(...args) });
  return {
    log: record('log'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    debug: record('debug'),
  };
}

/** The page stack, running a page's module the first time it opens (its Page() options are kept). */
export function pageStack(
  root: string,
  compiled: CompiledMiniProgram,
  context: vm.Context,
  registered: Registered,
  onChange: () => void,
): PageStack {
  const pageOptions = new Map<string, AnyRecord>();
  return new PageStack(
    readPages(root),
    (route) => {
      const cached = pageOptions.get(route);
      if (cached) return cached;
      registered.page = undefined;
      runModule(compiled.pages[route] ?? '', context, `${route}.js`);
      if (!registered.page) throw new Error(`${route}.ts did not call Page()`);
      pageOptions.set(route, registered.page);
      return registered.page;
    },
    onChange,
    componentHooks(root, context, registered),
  );
}

/**
 * The pages' custom components run in the app's context (their `wx` and `getApp()` are the app's), each
 * component's code once per launch; they render when the page opens and after each setData, so their
 * lifetimes and observers run as on a phone even when nobody looks at the screen.
 */
function componentHooks(root: string, context: vm.Context, registered: Registered): PageHooks {
  const definitions = new Map<string, unknown>();
  const appConsole = (context as { console: ReturnType<typeof recordingConsole> }).console;
  const loader: ComponentLoader = {
    load(spec) {
      if (!definitions.has(spec.key)) {
        registered.component = undefined;
        try {
          runModule(spec.code, context, `${spec.route}.js`);
        } catch (error) {
          appConsole.error(error); // the component still shows its template
        }
        definitions.set(spec.key, registered.component ?? {});
      }
      return definitions.get(spec.key);
    },
    report: (error) => appConsole.error(error),
  };
  return {
    opened(page) {
      useComponentLoader(page, loader);
      page.selectComponent = (selector: string) => pageComposer(page, loader).select(selector);
    },
    rendered(page) {
      if (!Object.keys(usedComponents(root, page.route)).length) return;
      try {
        renderPage(root, page);
      } catch (error) {
        appConsole.error(error); // a page that does not render shows it on its screen; setData itself worked
      }
    },
    shown: (page, shown) => pageComposer(page, loader).pageLifetime(shown ? 'show' : 'hide'),
    closed: (page) => pageComposer(page, loader).detachAll(),
  };
}

/** `App`, `getApp`, `Page` and `getCurrentPages` as the app's code sees them. */
export function appGlobals(registered: Registered, pages: PageStack) {
  return {
    App: (options: AnyRecord & { globalData?: AppGlobalLike }) =>
      void (registered.app = { ...options, globalData: options.globalData ?? {} }),
    getApp: () => registered.app,
    Page: (options: AnyRecord) => void (registered.page = options),
    Component: (options: AnyRecord) => void (registered.component = options),
    Behavior: (options: AnyRecord) => options,
    getCurrentPages: () => [...pages.stack],
  };
}

/** Runs app.js, then onLaunch and onShow, and opens the first page. */
export function startApp(
  compiled: CompiledMiniProgram,
  context: vm.Context,
  registered: Registered,
  pages: PageStack,
  start?: LaunchEntry,
): AppInstance {
  runModule(compiled.app, context, 'app.js');
  const app = registered.app;
  if (!app) throw new Error('app.ts did not call App()');
  const entry = start?.path ?? pages.routesInOrder[0];
  const options = start ? { scene: start.scene, query: start.query } : LAUNCH_OPTIONS;
  callHook(app, 'onLaunch', { path: entry, ...options });
  callHook(app, 'onShow', { path: entry, ...options });
  const query = new URLSearchParams(options.query).toString();
  if (entry) pages.reLaunch(query ? `${entry}?${query}` : entry);
  return app;
}

/** setTimeout / clearTimeout for the app, scaled (0 runs backoff waits at once) and tracked for close(). */
export function scaledTimers(timers: Set<NodeJS.Timeout>, timeScale: number) {
  return {
    setTimeout: (fn: () => void, ms?: number) => {
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          fn();
        },
        (ms ?? 0) * timeScale,
      );
      timers.add(timer);
      return timer;
    },
    clearTimeout: (timer: NodeJS.Timeout) => {
      clearTimeout(timer);
      timers.delete(timer);
    },
  };
}

export function runModule(code: string, context: vm.Context, filename: string): void {
  const module = { exports: {} };
  const wrapper = vm.runInContext(`(function (module, exports) {\n${code}\n})`, context, { filename }) as (
    m: unknown,
    e: unknown,
  ) => void;
  wrapper(module, module.exports);
}
