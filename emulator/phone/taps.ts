/**
 * Taps on a simulated phone: the handlers a page's WXML binds to taps (`bindtap` / `catchtap`),
 * read from the page's own `.wxml`, and a tap that calls one of them with a tap event, as the base
 * library does. Only bound handlers can be tapped, never lifecycle methods.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PageInstance } from './pages';

export interface TapTarget {
  handler: string;
  /** The element's own text (e.g. 重试), else the handler's name. */
  label: string;
}

const BOUND_ELEMENT = /<([\w-]+)\b[^>]*?\b(?:bind|catch):?tap="([A-Za-z_$][\w$]*)"[^>]*>([^<]*)/g;

/** The tap handlers `<root>/<route>.wxml` binds, in document order (none when it has no WXML). */
export function tapTargets(miniprogramRoot: string, route: string): TapTarget[] {
  let wxml: string;
  try {
    wxml = readFileSync(path.join(miniprogramRoot, `${route}.wxml`), 'utf8');
  } catch {
    return [];
  }
  const targets: TapTarget[] = [];
  for (const match of wxml.matchAll(BOUND_ELEMENT)) {
    const handler = match[2] as string;
    if (!targets.some((target) => target.handler === handler)) targets.push({ handler, label: (match[3] ?? '').trim() || handler });
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
