/**
 * What a user does on a simulated phone's page, through the page's own WXML: find an element (by
 * `#id`, or `[open-type=...]` / `[type=...]` / `[form-type=...]`), and fire what the base library
 * fires for it, calling the handler the WXML binds (`bindtap`, `bindchooseavatar`,
 * `bindgetphonenumber`, `bindagreeprivacyauthorization`, a form's `bindsubmit`). The phone renders
 * nothing: `wx:if` is not evaluated, so a test taps only what its page state shows.
 *
 * @example
 *   const screen = phone.screen(launch);
 *   await screen.tap('[open-type=chooseAvatar]');
 *   await screen.submitForm('#nickname-form', { nickName: '小明' });
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface WxmlElement {
  tag: string;
  attributes: Record<string, string>;
  /** The text right after the opening tag, up to the next tag (a button's label, e.g. 重试). */
  text: string;
}

const TAG = /<([a-zA-Z][\w-]*)((?:\s+[\w:.-]+(?:="[^"]*")?)*)\s*\/?>([^<]*)/g;
const ATTRIBUTE = /([\w:.-]+)(?:="([^"]*)")?/g;

/** Every opening tag of a WXML text with its attributes and text (enough to find elements, bindings and labels). */
export function parseWxml(text: string): WxmlElement[] {
  const elements: WxmlElement[] = [];
  for (const match of text.replace(/<!--[\s\S]*?-->/g, '').matchAll(TAG)) {
    const attributes: Record<string, string> = {};
    for (const attribute of (match[2] ?? '').matchAll(ATTRIBUTE))
      attributes[attribute[1] as string] = attribute[2] ?? '';
    elements.push({ tag: match[1] as string, attributes, text: match[3] ?? '' });
  }
  return elements;
}

/** `#id` or `[name=value]`. */
export function findElement(elements: WxmlElement[], selector: string): WxmlElement {
  const byId = /^#([\w-]+)$/.exec(selector);
  const byAttribute = /^\[([\w-]+)=([\w-]+)\]$/.exec(selector);
  const found = elements.filter((element) =>
    byId
      ? element.attributes.id === byId[1]
      : byAttribute
        ? element.attributes[byAttribute[1] as string] === byAttribute[2]
        : false,
  );
  if (found.length !== 1) throw new Error(`${found.length === 0 ? 'no' : 'more than one'} element matches ${selector}`);
  return found[0] as WxmlElement;
}

/** The handler an element binds for `event` (`bind<event>`, `bind:<event>` or `catch<event>`). */
export function boundHandler(element: WxmlElement, event: string): string | undefined {
  const a = element.attributes;
  return a[`bind${event}`] ?? a[`bind:${event}`] ?? a[`catch${event}`] ?? a[`catch:${event}`];
}

export function readPageWxml(miniprogramRoot: string, route: string): WxmlElement[] {
  return parseWxml(readFileSync(path.join(miniprogramRoot, `${route}.wxml`), 'utf8'));
}

/** The event object a handler receives. */
export function wxEvent(type: string, element: WxmlElement, detail: Record<string, unknown>) {
  const target = { id: element.attributes.id ?? '', dataset: datasetOf(element) };
  return { type, timeStamp: Date.now(), target, currentTarget: target, detail };
}

function datasetOf(element: WxmlElement): Record<string, string> {
  const dataset: Record<string, string> = {};
  for (const [name, value] of Object.entries(element.attributes)) {
    if (name.startsWith('data-'))
      dataset[name.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  }
  return dataset;
}
