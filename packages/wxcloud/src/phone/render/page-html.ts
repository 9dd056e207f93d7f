/**
 * The page as the phone shows it, for the console: the tree the WXML engine rendered, written as
 * HTML with WeChat's component tags (`<wx-view>` …) and the page's classes, and the app's and
 * page's WXSS scoped to the phone's frame with rpx converted for a 375 px wide screen. Tappable
 * elements carry `data-handler`, open-type buttons `data-control` (their id), forms `data-form` and
 * their submit buttons `data-form-submit`, so the console taps the real elements and submits what was
 * typed into the real inputs (an `<input>` holding the bound value); an image shows its picture from a
 * URL the console may load. Text and attribute values are escaped; only the engine's tags and those
 * `<img>`, `<input>` and `<textarea>` are written.
 */
import type { RenderedElement, RenderedNode } from './wxml-engine';

/** 750 rpx are the screen's width: 375 px on the console's phone frame. */
const PX_PER_RPX = 375 / 750;
const OPEN_TYPE_EVENTS = new Set(['chooseavatar', 'getphonenumber', 'agreeprivacyauthorization']);
const SAFE_TAG = /^wx-[a-z-]+$/;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** What a person can see of an element: its `hidden` and `disabled` as WXML reads them (`"false"` is false). */
function flag(element: RenderedElement, name: string): boolean {
  const value = element.attrs.find((entry) => entry.name === name)?.value;
  return value !== undefined && value !== false && value !== 'false';
}

function attr(element: RenderedElement, name: string): string | undefined {
  const value = element.attrs.find((entry) => entry.name === name)?.value;
  return value === undefined || value === null ? undefined : String(value);
}

function attributesOf(element: RenderedElement): string {
  const written: string[] = [];
  for (const { name, value } of element.attrs) {
    if (name === 'class' || name === 'id' || name === 'style' || name === 'mode' || name.startsWith('data-'))
      written.push(`${name}="${escapeHtml(String(value))}"`);
  }
  const tap = element.event.tap?.handler;
  if (tap) written.push(`data-handler="${escapeHtml(tap)}"`);
  const id = attr(element, 'id');
  const pageOwned = (event: string) => element.event[event] !== undefined && !element.event[event].component;
  if (id && [...OPEN_TYPE_EVENTS].some(pageOwned)) written.push(`data-control="${escapeHtml(id)}"`);
  if (id && element.tagName === 'wx-form' && pageOwned('submit')) written.push(`data-form="${escapeHtml(id)}"`);
  if (element.tagName === 'wx-button' && attr(element, 'form-type') === 'submit') written.push('data-form-submit');
  if (flag(element, 'disabled')) written.push('data-disabled');
  return written.length ? ` ${written.join(' ')}` : '';
}

/**
 * What the engine's slot leaves empty but a phone shows: an `<image>`'s picture (when `imageUrl` gives the
 * console a URL it may load) and an `<input>` / `<textarea>` holding its bound value, typed into in the frame.
 */
function nativeContent(element: RenderedElement, imageUrl: (src: string) => string | undefined): string {
  if (element.tagName === 'wx-image') {
    const src = attr(element, 'src');
    const url = src ? imageUrl(src) : undefined;
    return url ? `<img src="${escapeHtml(url)}" alt="">` : '';
  }
  if (element.tagName !== 'wx-input' && element.tagName !== 'wx-textarea') return '';
  const written = ['name', 'placeholder', 'maxlength']
    .map((name) => [name, attr(element, name)] as const)
    .filter(([name, value]) => value !== undefined && !(name === 'maxlength' && !/^\d+$/.test(value)))
    .map(([name, value]) => ` ${name}="${escapeHtml(value as string)}"`)
    .join('');
  const disabled = flag(element, 'disabled') ? ' disabled' : '';
  const value = escapeHtml(attr(element, 'value') ?? '');
  if (element.tagName === 'wx-textarea') return `<textarea${written}${disabled}>${value}</textarea>`;
  const type = flag(element, 'password') ? 'password' : 'text';
  return `<input type="${type}"${written}${disabled} value="${value}">`;
}

/**
 * The rendered page as HTML; `text` transforms each text shown (the console masks it; an input's value is
 * what it submits, so it is left as it is), `imageUrl` the URL the console loads an image's `src` from.
 */
export function renderedHtml(
  node: RenderedNode,
  text: (value: string) => string = (value) => value,
  imageUrl: (src: string) => string | undefined = () => undefined,
): string {
  if (typeof node === 'string') return escapeHtml(text(node));
  const inner = node.children.map((child) => renderedHtml(child, text, imageUrl)).join('');
  if (!SAFE_TAG.test(node.tagName)) return inner; // the engine's root and page wrappers
  if (flag(node, 'hidden')) return '';
  return `<${node.tagName}${attributesOf(node)}>${nativeContent(node, imageUrl)}${inner}</${node.tagName}>`;
}

/** `24rpx` -> `12px` for the 375 px frame. */
export function convertRpx(css: string): string {
  return css.replace(
    /(-?\d*\.?\d+)rpx\b/g,
    (_all, value: string) => `${Number((Number(value) * PX_PER_RPX).toFixed(2))}px`,
  );
}

/** Each selector of `selectors` within `scope`; WXML tags become the engine's `wx-` tags and `page` the frame. */
function scopeSelectors(selectors: string, scope: string): string {
  return selectors
    .split(',')
    .map((selector) =>
      selector
        .trim()
        .replace(
          /(^|[\s>+~])(view|text|button|image|input|form|navigator|scroll-view|label|textarea)(?=[\s.#:[>+~]|$)/g,
          '$1wx-$2',
        ),
    )
    .map((selector) => (selector === 'page' ? scope : `${scope} ${selector.replace(/^page\b/, '')}`.trim()))
    .join(', ');
}

/** WXSS for the console's frame: rpx converted, every rule scoped to `scope`, at-rules kept as they are. */
export function scopedWxss(wxss: string, scope: string): string {
  const css = convertRpx(wxss.replace(/\/\*[\s\S]*?\*\//g, ''));
  let out = '';
  let index = 0;
  while (index < css.length) {
    const open = css.indexOf('{', index);
    if (open === -1) break;
    const head = css.slice(index, open).trim();
    let depth = 1;
    let end = open + 1;
    for (; end < css.length && depth > 0; end += 1) depth += css[end] === '{' ? 1 : css[end] === '}' ? -1 : 0;
    const body = css.slice(open, end);
    out += head.startsWith('@') ? `${head} ${body}\n` : `${scopeSelectors(head, scope)} ${body}\n`;
    index = end;
  }
  return out;
}

/** The class of the console's phone frame that the page's WXSS is scoped to. */
export const FRAME_CLASS = 'phone-frame';
