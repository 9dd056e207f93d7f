/** Small helpers of the page: making elements, calling the typed API, formatting times. */
import { apiPath, type ConsoleError } from '../api-types';

type Child = Node | string | number | null | undefined | false;
type Props = Record<string, string | boolean | number | EventListener | undefined>;

/** `h('button', { class: 'x', onclick: fn }, '保存 ', small('Save'))` */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(key.replace(/^on/, ''), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children)
    if (child !== null && child !== undefined && child !== false)
      element.append(typeof child === 'number' ? String(child) : child);
  return element;
}

/** Chinese, then English in a smaller type. */
export function both(zh: string, en: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(`${zh} `, h('small', { lang: 'en' }, en));
  return fragment;
}

export class ApiError extends Error {
  constructor(readonly error: ConsoleError) {
    super(error.serviceCode ? `${error.serviceCode}: ${error.message}` : error.message);
  }
}

/**
 * GET (no body) or POST (a JSON body) to `/console/api/<path>`; same-origin, so the page's own Origin and Host go
 * along.
 */
export async function api<T>(path: string, body?: unknown): Promise<T> {
  const init: RequestInit =
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(apiPath(path), init);
  const json = (await response
    .json()
    .catch(() => ({ error: { code: 'INTERNAL', message: `HTTP ${response.status}` } }))) as T & {
    error?: ConsoleError;
  };
  if (!response.ok || json.error)
    throw new ApiError(json.error ?? { code: 'INTERNAL', message: `HTTP ${response.status}` });
  return json;
}

/** Shows a message at the top of the page for a while (errors stay until the next one). */
export function notify(message: string, kind: 'ok' | 'error' = 'ok'): void {
  const notice = document.getElementById('notice');
  if (!notice) return;
  notice.textContent = message;
  notice.className = `notice ${kind}`;
  notice.hidden = false;
  if (kind === 'ok') setTimeout(() => notice.textContent === message && (notice.hidden = true), 3000);
}

/** Runs an action of a button, showing its error instead of throwing. */
export async function attempt(what: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    notify(`${what}失败 / failed: ${(error as Error).message}`, 'error');
  }
}

/** `2026-11-22 11:03:05` in the browser's time zone. */
export function formatTime(value: string | number | null): string {
  if (value === null) return '-';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Pretty-prints a JSON text; leaves anything else (a shortened text) as it is. */
export function prettyJson(text: string | null): string {
  if (text === null) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
