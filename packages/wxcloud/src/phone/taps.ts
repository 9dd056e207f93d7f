/**
 * Taps on a simulated phone: the handlers a page's WXML binds to taps (`bindtap` / `catchtap`),
 * read from the page's own `.wxml` with screen.ts's reader (the one tests drive pages with), and a
 * tap that calls one of them with a tap event, as the base library does. Only bound handlers can
 * be tapped, never lifecycle methods.
 */
import type { PageInstance } from './pages';
import { boundHandler, readPageWxml, type WxmlElement } from './screen';

export interface TapTarget {
  handler: string;
  /** The element's own text (e.g. 重试), else the handler's name. */
  label: string;
}

/** A handler named in the WXML itself (not computed with `{{ }}`). */
const HANDLER_NAME = /^[A-Za-z_$][\w$]*$/;

/** The tap handlers `<root>/<route>.wxml` binds, in document order (none when it has no WXML). */
export function tapTargets(miniprogramRoot: string, route: string): TapTarget[] {
  let elements: WxmlElement[];
  try {
    elements = readPageWxml(miniprogramRoot, route);
  } catch {
    return [];
  }
  const targets: TapTarget[] = [];
  for (const element of elements) {
    const handler = boundHandler(element, 'tap');
    if (handler && HANDLER_NAME.test(handler) && !targets.some((target) => target.handler === handler))
      targets.push({ handler, label: element.text.trim() || handler });
  }
  return targets;
}

/** Calls the page's `handler` with a tap event; throws when the WXML binds no such handler. */
export function tap(page: PageInstance, targets: readonly TapTarget[], handler: string): void {
  const method = page[handler];
  if (!targets.some((target) => target.handler === handler) || typeof method !== 'function') {
    throw new Error(`page ${page.route} binds no tap handler "${handler}"`);
  }
  const target = { id: '', dataset: {} };
  method.call(page, { type: 'tap', timeStamp: Date.now(), target, currentTarget: target, detail: {} });
}
