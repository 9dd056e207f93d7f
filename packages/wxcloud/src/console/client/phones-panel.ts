/**
 * The Phones tab: launch the mini-program as a chosen user, watch its page, act on it (phone-screen.ts), see its
 * calls.
 */
import type { LaunchPhoneRequest, PhonesResponse, PhoneView } from '../api-types';
import { api, attempt, both, h } from './dom';
import { phoneControls, phoneFrame } from './phone-screen';

export function phonesPanel() {
  let opened = new Set<string>();

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
        phone.page ? phoneFrame(phone, (path, body) => void act(phone, path, body)) : '',
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
        ...(value('phoneNumber') ? { phoneNumber: value('phoneNumber') } : {}),
      };
      void attempt('启动', async () => {
        await api('phones', request);
        await refresh();
      });
    });
  }

  return { wire, refresh };
}

/** What a person has typed into the phones' forms, kept across the live re-renders. */
function typedValues(target: HTMLElement | null): Map<string, string> {
  const values = new Map<string, string>();
  for (const input of target?.querySelectorAll<HTMLInputElement>('article.phone input[data-field]') ?? [])
    values.set(fieldKey(input), input.value);
  return values;
}

function restoreTypedValues(target: HTMLElement | null, values: Map<string, string>): void {
  for (const input of target?.querySelectorAll<HTMLInputElement>('article.phone input[data-field]') ?? [])
    input.value = values.get(fieldKey(input)) ?? input.value;
}

function fieldKey(input: HTMLInputElement): string {
  const phone = input.closest('article.phone')?.getAttribute('data-phone');
  const control = input.closest('form')?.getAttribute('data-control');
  return `${phone}/${control}/${input.name}`;
}
