/**
 * The Phones tab: launch the mini-program as a chosen user, watch its page, act on it (phone-screen.ts), see its
 * calls.
 */
import type { LaunchPhoneRequest, PhonesResponse, PhoneView } from '../api-types';
import { api, attempt, both, h } from './dom';
import { phoneControls, phoneFrame } from './phone-screen';

export function phonesPanel() {
  let opened = new Set<string>();
  /** Each phone's frame as last drawn: kept while its page shows the same, so images do not reload. */
  let frames = new Map<string, { key: string; frame: HTMLElement }>();

  function frameOf(phone: PhoneView): HTMLElement {
    const key = JSON.stringify([phone.open, phone.page?.route, phone.page?.screen]);
    const kept = frames.get(phone.id);
    const frame = kept?.key === key ? kept.frame : phoneFrame(phone, (path, body) => void act(phone, path, body));
    frames.set(phone.id, { key, frame });
    return frame;
  }

  async function refresh(): Promise<void> {
    const { phones } = await api<PhonesResponse>('phones');
    const target = document.getElementById('phones');
    // Keep the page data a developer opened across the live re-renders.
    opened = new Set(
      [...(target?.querySelectorAll('article.phone:has(details[open])') ?? [])].map(
        (card) => card.getAttribute('data-phone') ?? '',
      ),
    );
    const typed = typedValues(target);
    const drawn = frames;
    frames = new Map();
    for (const phone of phones) {
      const kept = drawn.get(phone.id);
      if (kept) frames.set(phone.id, kept);
    }
    target?.replaceChildren(
      ...(phones.length
        ? [...phones].reverse().map(phoneCard)
        : [
            h('p', { class: 'empty' }, both('还没有模拟手机，填好用户后启动', 'No phones yet: pick a user and launch')),
          ]),
    );
    restoreTypedValues(target, typed);
  }

  function phoneCard(phone: PhoneView): HTMLElement {
    return h(
      'article',
      { class: `phone ${phone.open ? 'open' : 'closed'}`, 'data-phone': phone.id },
      h(
        'header',
        {},
        h('strong', {}, phone.label),
        h('code', {}, phone.openid),
        ` · ${phone.appid}`,
        phone.unionid ? ` · ${phone.unionid}` : '',
        phone.open ? '' : h('span', { class: 'badge' }, both('已关闭', 'closed')),
      ),
      h(
        'div',
        { class: 'screen' },
        phone.page ? h('div', { class: 'route' }, phone.page.route) : '',
        phone.page ? frameOf(phone) : '',
      ),
      phoneControls(phone, (path, body) => void act(phone, path, body)),
      h(
        'details',
        { open: opened.has(phone.id) },
        h('summary', {}, both('页面数据', 'Page data')),
        h('pre', { class: 'json' }, phone.page?.data ?? ''),
      ),
      h('h4', {}, both('调用', 'Calls'), ` (${phone.calls.length})`),
      h(
        'ul',
        { class: 'calls' },
        ...phone.calls.map((call) =>
          h(
            'li',
            { class: call.ok ? 'ok' : 'failed' },
            h('code', {}, call.name),
            ` ${call.ok ? '成功 ok' : '失败 failed'} · ${call.durationMs} ms`,
            h('pre', { class: 'json small' }, call.answer),
          ),
        ),
      ),
      phone.open
        ? h(
            'button',
            { type: 'button', onclick: () => void act(phone, `${phone.id}/close`, {}) },
            both('关闭', 'Close'),
          )
        : '',
    );
  }

  async function act(phone: PhoneView, path: string, body: object): Promise<void> {
    await attempt(phone.label, async () => {
      await api(`phones/${path}`, body);
      await refresh();
    });
  }

  function wire(): void {
    document.getElementById('launch-form')?.addEventListener('submit', (event) => {
      event.preventDefault();
      const form = event.target as HTMLFormElement;
      const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
      const request: LaunchPhoneRequest = {
        openid: value('openid'),
        appid: value('appid'),
        ...(value('unionid') ? { unionid: value('unionid') } : {}),
      };
      void attempt('启动', async () => {
        await api('phones', request);
        await refresh();
      });
    });
  }

  return { wire, refresh };
}

interface Typed {
  value: string;
  /** The value the page gave the input when it was drawn. */
  rendered: string;
  focused: boolean;
  selection: [number | null, number | null];
}

type Field = HTMLInputElement | HTMLTextAreaElement;
const FIELDS = ['.phone-frame input[name]', '.phone-frame textarea[name]', '.modal [data-form] input[name]']
  .map((selector) => `article.phone ${selector}`)
  .join(', ');

/** What a person is typing into the phones' frames and sheets, kept across the live re-renders. */
function typedValues(target: HTMLElement | null): Map<string, Typed> {
  const values = new Map<string, Typed>();
  for (const field of target?.querySelectorAll<Field>(FIELDS) ?? []) {
    values.set(fieldKey(field), {
      value: field.value,
      rendered: field.defaultValue,
      focused: document.activeElement === field,
      selection: [field.selectionStart, field.selectionEnd],
    });
  }
  return values;
}

/** What was typed stays (and the caret where it was), unless the page has since set the input's value itself. */
function restoreTypedValues(target: HTMLElement | null, values: Map<string, Typed>): void {
  for (const field of target?.querySelectorAll<Field>(FIELDS) ?? []) {
    const typed = values.get(fieldKey(field));
    if (!typed) continue;
    if (typed.value !== typed.rendered && field.defaultValue === typed.rendered) field.value = typed.value;
    if (typed.focused) {
      field.focus();
      field.setSelectionRange(...typed.selection);
    }
  }
}

function fieldKey(field: Field): string {
  const phone = field.closest('article.phone')?.getAttribute('data-phone');
  const form = field.closest('[data-form]')?.getAttribute('data-form');
  return `${phone}/${form}/${field.name}`;
}
