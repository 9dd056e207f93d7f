/**
 * The page as the phone shows it, for the console: the tree the WXML engine rendered, written as
 * HTML with WeChat's component tags (`<wx-view>` …) and the page's classes, and the app's and
 * page's WXSS scoped to the phone's frame with rpx converted for a 375 px wide screen. Tappable
 * elements carry `data-handler`, open-type buttons `data-control` (their id), so the console taps
 * the real elements. Text and attribute values are escaped; only the engine's tags are written.
 */
import type { RenderedElement, RenderedNode } from './wxml-engine';

/** 750 rpx are the screen's width: 375 px on the console's phone frame. */
const PX_PER_RPX = 375 / 750;
const OPEN_TYPE_EVENTS = new Set(['chooseavatar', 'getphonenumber', 'agreeprivacyauthorization']);
const SAFE_TAG = /^wx-[a-z-]+$/;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function attributesOf(element: RenderedElement): string {
  const written: string[] = [];
  for (const { name, value } of element.attrs) {
    if (name === 'class' || name === 'id' || name === 'style' || name.startsWith('data-'))
      written.push(`${name}="${escapeHtml(String(value))}"`);
  }
  const tap = element.event.tap?.handler;
  if (tap) written.push(`data-handler="${escapeHtml(tap)}"`);
  const id = element.attrs.find((entry) => entry.name === 'id')?.value;
  if (id !== undefined && Object.keys(element.event).some((event) => OPEN_TYPE_EVENTS.has(event)))
    written.push(`data-control="${escapeHtml(String(id))}"`);
  return written.length ? ` ${written.join(' ')}` : '';
}

/** The rendered page as HTML; `text` transforms each text (the console masks it). */
export function renderedHtml(node: RenderedNode, text: (value: string) => string = (value) => value): string {
  if (typeof node === 'string') return escapeHtml(text(node));
  const hidden = node.attrs.some(
    (entry) => entry.name === 'hidden' && entry.value !== false && entry.value !== 'false',
  );
  const inner = node.children.map((child) => renderedHtml(child, text)).join('');
  if (!SAFE_TAG.test(node.tagName)) return inner; // the engine's root and page wrappers
  return hidden ? '' : `<${node.tagName}${attributesOf(node)}>${inner}</${node.tagName}>`;
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
