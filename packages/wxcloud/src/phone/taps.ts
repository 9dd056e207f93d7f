/**
 * Taps on a simulated phone: what the page shows that can be tapped, found by rendering the page's
 * WXML with its current data on WeChat's component engine (render/wxml-engine.ts), so `wx:if`,
 * `wx:for`, `hidden` (and `display: none`) and data binding count as on a phone; each target is
 * labelled with its visible text. A tap calls the bound handler with a tap event carrying the
 * element's id and dataset, as the base library does, then bubbles to the elements around it bound to
 * tap (up to a `catchtap`). Only what is shown can be tapped, never lifecycle methods. A tap inside a
 * custom component calls the component's method (its handler is `tag#n.method`, render/compose.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PageInstance } from './pages';
import { pageComposer } from './render/compose';
import { componentStyles, inertLoader, usedComponents } from './render/components';
import { FRAME_CLASS, renderedHtml, scopedWxss } from './render/page-html';
import { prepareTemplate } from './render/prepare-template';
import { elementDataset, type RenderedElement, type RenderedNode } from './render/wxml-engine';

export interface TapTarget {
  handler: string;
  /** The element's visible text (e.g. 个人资料 头像、昵称、手机号 ›), else the handler's name. */
  label: string;
  /** The element's id and data-* attributes, given to the handler as currentTarget. */
  id: string;
  dataset: Record<string, unknown>;
  /** For a tap inside a custom component: the component (its place on the page) and its method. */
  component?: { key: string; method: string };
  /** The page method of a numbered handler (`onPick(2)`, the list's second item, calls `onPick`). */
  method?: string;
  /** The elements around it bound to tap too, nearest first: the tap bubbles to them (not past a `catchtap`). */
  bubbles?: Array<Omit<TapTarget, 'label' | 'bubbles'>>;
}

/** A handler named in the WXML itself (not computed with `{{ }}`). */
const HANDLER_NAME = /^[A-Za-z_$][\w$]*$/;

/** The text a person sees in `node`, whitespace collapsed. */
export function visibleText(node: RenderedNode): string {
  if (typeof node === 'string') return node;
  if (isHidden(node)) return '';
  return node.children.map(visibleText).join(' ').replace(/\s+/g, ' ').trim();
}

function attr(element: RenderedElement, name: string): unknown {
  return element.attrs.find((entry) => entry.name === name)?.value;
}

/**
 * `hidden` on an element, or `display: none` in its style (UI libraries hide with it), hides it and what is in it;
 * a custom component's element shows nothing when nothing in it shows (Vant's closed overlay).
 */
function isHidden(element: RenderedElement): boolean {
  const host = !element.tagName.startsWith('wx-') && element.tagName !== 'main';
  if (host && !element.children.some((child) => (typeof child === 'string' ? child.trim() : !isHidden(child))))
    return true;
  const hidden = attr(element, 'hidden');
  const style = attr(element, 'style');
  if (typeof style === 'string' && /(?:^|;)\s*display\s*:\s*none\s*(?:!important\s*)?(?:;|$)/i.test(style)) return true;
  return hidden !== undefined && hidden !== false && hidden !== 'false';
}

/**
 * Every shown element bound to `event` (tap by default), in document order, with the elements around it bound to it
 * too that the event bubbles to (nearest first, up to a `catch` binding; none when its own binding is a `catch`).
 */
export function boundElements(
  root: RenderedElement,
  event = 'tap',
): Array<{ element: RenderedElement; handler: string; bubbles: RenderedElement[] }> {
  const found: Array<{ element: RenderedElement; handler: string; bubbles: RenderedElement[] }> = [];
  const walk = (node: RenderedNode, around: RenderedElement[]) => {
    if (typeof node === 'string' || isHidden(node)) return;
    const binding = node.event[event];
    const bound = binding && HANDLER_NAME.test(binding.method ?? binding.handler) ? binding : undefined;
    if (bound) {
      const stop = around.findIndex((element) => element.event[event]?.isCatch);
      const bubbles = bound.isCatch ? [] : stop === -1 ? around : around.slice(0, stop + 1);
      found.push({ element: node, handler: bound.handler, bubbles });
    }
    node.children.forEach((child) => walk(child, bound ? [node, ...around] : around));
  };
  walk(root, []);
  return found;
}

/**
 * The page's WXML rendered with its data now, its custom components with theirs (undefined when the route has no
 * WXML). The components keep their state with the page object: a page not on a phone gets components of its own.
 */
export function renderPage(
  miniprogramRoot: string,
  page: Pick<PageInstance, 'route' | 'data'>,
): RenderedElement | undefined {
  const file = path.join(miniprogramRoot, `${page.route}.wxml`);
  if (!existsSync(file)) return undefined;
  const composer = pageComposer(page, inertLoader);
  const template = prepareTemplate(readFileSync(file, 'utf8'), file, miniprogramRoot);
  return composer.render(template, usedComponents(miniprogramRoot, page.route));
}

/**
 * The page as it shows now, as HTML with its WXSS scoped to the console's frame (render/page-html.ts);
 * `imageUrl` says where the frame loads each image from (screen-images.ts).
 */
export function pageScreen(
  miniprogramRoot: string,
  page: Pick<PageInstance, 'route' | 'data'>,
  text: (value: string) => string,
  imageUrl: (src: string) => string | undefined = () => undefined,
): { html: string; css: string } {
  const root = renderPage(miniprogramRoot, page);
  const wxss = [
    ...['app.wxss', `${page.route}.wxss`]
      .map((file) => path.join(miniprogramRoot, file))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file, 'utf8')),
    ...componentStyles(usedComponents(miniprogramRoot, page.route)),
  ];
  return {
    html: root ? renderedHtml(root, text, imageUrl) : '',
    css: scopedWxss(wxss.join('\n'), `.${FRAME_CLASS}`),
  };
}

/** What can be tapped on the page as it shows now. */
export function tapTargets(miniprogramRoot: string, page: Pick<PageInstance, 'route' | 'data'>): TapTarget[] {
  const root = renderPage(miniprogramRoot, page);
  if (!root) return [];
  return boundElements(root).map(({ element, bubbles }) => {
    const target = tapHandler(element);
    const label = visibleText(element) || target.component?.method || target.handler;
    return { ...target, label, ...(bubbles.length ? { bubbles: bubbles.map(tapHandler) } : {}) };
  });
}

function tapHandler(element: RenderedElement): Omit<TapTarget, 'label' | 'bubbles'> {
  const { handler = '', method, component } = element.event.tap ?? {};
  return {
    handler,
    id: String(attr(element, 'id') ?? ''),
    dataset: elementDataset(element),
    ...(method && component !== undefined ? { component: { key: component, method } } : {}),
    ...(method && component === undefined && method !== handler ? { method } : {}),
  };
}

/**
 * Taps the first shown element bound to `handler`: its handler (the page's, or a component's method) gets a tap event,
 * then those of the elements the tap bubbles to; throws when none is shown.
 */
export function tap(page: PageInstance, targets: readonly TapTarget[], handler: string): void {
  const shown = targets.find((target) => target.handler === handler);
  const method = (target: Omit<TapTarget, 'label'>) => target.method ?? target.handler;
  if (!shown || (!shown.component && typeof page[method(shown)] !== 'function'))
    throw new Error(`page ${page.route} shows no tap target "${handler}"`);
  const target = { id: shown.id, dataset: shown.dataset };
  const timeStamp = Date.now();
  for (const current of [shown, ...(shown.bubbles ?? [])]) {
    const currentTarget = { id: current.id, dataset: current.dataset };
    const event = { type: 'tap', timeStamp, target, currentTarget, detail: {} };
    if (current.component) pageComposer(page, inertLoader).call(current.component.key, current.component.method, event);
    else if (typeof page[method(current)] === 'function')
      (page[method(current)] as (event: unknown) => unknown).call(page, event);
  }
}
