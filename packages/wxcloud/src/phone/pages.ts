/**
 * The page stack of a simulated phone: `Page()` options per route, page instances with `setData`,
 * and navigation with the lifecycle the base library runs (onLoad/onShow/onReady on arrival,
 * onHide when covered, onUnload when left). `getCurrentPages()` is the stack, bottom first.
 */

import { copyData, rootField, setPath } from './data-paths';

type AnyRecord = Record<string, unknown>;

export interface PageInstance extends AnyRecord {
  data: AnyRecord;
  route: string;
  /** The query the page was opened with. */
  options: Record<string, string>;
  /** Settles when the page's onLoad has (an async onLoad's promise; the base library does not wait for it). */
  whenLoaded: Promise<unknown>;
  setData(patch: AnyRecord): void;
}

export interface Render {
  at: number;
  route: string;
  data: AnyRecord;
}

/** How a route's Page() options are obtained (runs the page's module once). */
export type PageLoader = (route: string) => AnyRecord;

/**
 * Told about each page: opened (before onLoad), rendered (after onShow and each setData), shown again or hidden (after
 * its onShow / onHide when another page is closed or opened over it), closed.
 */
export interface PageHooks {
  opened?(page: PageInstance): void;
  rendered?(page: PageInstance): void;
  shown?(page: PageInstance, shown: boolean): void;
  closed?(page: PageInstance): void;
}

export class PageStack {
  readonly stack: PageInstance[] = [];
  readonly renders: Render[] = [];
  /** The newest instance of every route ever opened, closed ones included (to read after a launch closed). */
  readonly lastOpened = new Map<string, PageInstance>();

  constructor(
    readonly routesInOrder: readonly string[],
    private readonly load: PageLoader,
    /** Told after every setData (e.g. to show the page elsewhere). */
    private readonly onRender: (render: Render) => void = () => undefined,
    private readonly hooks: PageHooks = {},
  ) {}

  get top(): PageInstance | undefined {
    return this.stack[this.stack.length - 1];
  }

  /** The topmost open page of `route`. */
  find(route: string): PageInstance | undefined {
    return [...this.stack].reverse().find((page) => page.route === route);
  }

  navigateTo(url: string): PageInstance {
    const covered = this.top;
    if (covered) {
      callHook(covered, 'onHide');
      this.hooks.shown?.(covered, false);
    }
    return this.open(url);
  }

  redirectTo(url: string): PageInstance {
    this.unloadTop();
    return this.open(url);
  }

  reLaunch(url: string): PageInstance {
    while (this.stack.length) this.unloadTop();
    return this.open(url);
  }

  navigateBack(delta = 1): void {
    for (let i = 0; i < delta && this.stack.length > 1; i += 1) this.unloadTop();
    if (this.top) {
      callHook(this.top, 'onShow');
      this.hooks.shown?.(this.top, true);
    }
  }

  closeAll(): void {
    while (this.stack.length) this.unloadTop();
  }

  private open(url: string): PageInstance {
    const { route, query } = parseUrl(url);
    if (!this.routesInOrder.includes(route))
      throw new Error(`navigateTo:fail page "${route}" is not found in app.json`);
    const page = instantiate(route, query, this.load(route), (render) => {
      this.renders.push(render);
      this.hooks.rendered?.(page);
      this.onRender(render);
    });
    this.stack.push(page);
    this.lastOpened.set(route, page);
    this.hooks.opened?.(page);
    page.whenLoaded = Promise.resolve(callHook(page, 'onLoad', query)).catch(() => undefined);
    callHook(page, 'onShow');
    this.hooks.rendered?.(page);
    callHook(page, 'onReady');
    return page;
  }

  private unloadTop(): void {
    const page = this.stack.pop();
    if (!page) return;
    callHook(page, 'onUnload');
    this.hooks.closed?.(page);
  }
}

/** `/pages/a/a?x=1` or `pages/a/a` -> route `pages/a/a` and its query. */
export function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [pathPart = '', search = ''] = url.split('?');
  return { route: pathPart.replace(/^\//, ''), query: Object.fromEntries(new URLSearchParams(search)) };
}

function instantiate(
  route: string,
  query: Record<string, string>,
  options: AnyRecord,
  rendered: (render: Render) => void,
): PageInstance {
  const page = {
    ...options,
    route,
    options: query,
    data: copyData(options.data ?? {}) as AnyRecord,
    whenLoaded: Promise.resolve(),
  } as PageInstance;
  page.setData = (patch) => {
    // A new data object, each changed field copied whole: the renders kept before stay as they were.
    const data = { ...page.data };
    for (const [path, value] of Object.entries(patch ?? {})) {
      const root = rootField(path);
      data[root] = copyData(data[root]);
      setPath(data, path, copyData(value));
    }
    page.data = data;
    rendered({ at: performance.now(), route, data: page.data });
  };
  return page;
}

/** Calls a lifecycle hook if defined; returns what it returned (a promise for an async hook). */
export function callHook(target: AnyRecord, name: string, arg: unknown = {}): unknown {
  const hook = target[name];
  return typeof hook === 'function' ? hook.call(target, arg) : undefined;
}
