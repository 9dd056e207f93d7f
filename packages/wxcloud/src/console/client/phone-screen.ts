/**
 * What a phone card shows of the app and lets a person do: the page in a phone-sized frame (tap its
 * elements, type into its inputs, submit its forms), the page's tap targets and open-type buttons as a
 * list, the modal or action sheet the app waits on and WeChat's avatar and phone-number sheets (answered
 * here, never confirmed by itself), its latest toasts, and the back button. Each action posts to the phone's
 * API and the card is drawn again from the answer.
 */
import type { PhoneControlView, PhoneView } from '../api-types';
import { both, h } from './dom';
import { avatarSheet, phoneNumberSheet } from './phone-sheets';

export type PhoneAction = (path: string, body: object) => void;

const CONTROL_LABELS: Record<Exclude<PhoneControlView['kind'], 'form'>, [string, string]> = {
  chooseAvatar: ['选择头像', 'choose avatar'],
  getPhoneNumber: ['手机号按钮', 'phone-number button'],
  agreePrivacy: ['同意隐私指引', 'agree to the privacy guide'],
};

function controlElement(phone: PhoneView, control: PhoneControlView, act: PhoneAction): HTMLElement {
  const [zh, en] = CONTROL_LABELS[control.kind as Exclude<PhoneControlView['kind'], 'form'>];
  return h(
    'button',
    {
      type: 'button',
      'data-control': control.id,
      title: `${zh} / ${en}`,
      onclick: () => act(`${phone.id}/act`, { id: control.id }),
    },
    control.label || zh,
  );
}

/** The buttons, modal, toasts and back button of an open phone (forms are filled in the frame itself). */
export function phoneControls(phone: PhoneView, act: PhoneAction): HTMLElement | string {
  if (!phone.open || !phone.page) return '';
  const page = phone.page;
  const taps = page.taps.map((tap) =>
    h(
      'button',
      {
        type: 'button',
        'data-handler': tap.handler,
        title: tap.handler,
        onclick: () => act(`${phone.id}/tap`, { handler: tap.handler }),
      },
      tap.label,
    ),
  );
  const controls = page.controls
    .filter((control) => control.kind !== 'form')
    .map((control) => controlElement(phone, control, act));
  const back = page.canGoBack
    ? h('button', { type: 'button', class: 'back', onclick: () => act(`${phone.id}/back`, {}) }, both('‹ 返回', 'Back'))
    : '';
  const modal = phone.modal
    ? h(
        'div',
        { class: 'modal', role: 'dialog' },
        h('strong', {}, phone.modal.title),
        h('p', {}, phone.modal.content),
        h(
          'div',
          { class: 'modal-buttons' },
          h(
            'button',
            { type: 'button', 'data-answer': 'cancel', onclick: () => act(`${phone.id}/modal`, { confirm: false }) },
            phone.modal.cancelText,
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'primary',
              'data-answer': 'confirm',
              onclick: () => act(`${phone.id}/modal`, { confirm: true }),
            },
            phone.modal.confirmText,
          ),
        ),
      )
    : '';
  const sheet = phone.actionSheet
    ? h(
        'div',
        { class: 'modal action-sheet', role: 'dialog' },
        ...phone.actionSheet.map((item, index) =>
          h(
            'button',
            { type: 'button', 'data-sheet-item': index, onclick: () => act(`${phone.id}/action-sheet`, { index }) },
            item,
          ),
        ),
        h(
          'button',
          {
            type: 'button',
            'data-sheet-item': 'cancel',
            onclick: () => act(`${phone.id}/action-sheet`, { index: null }),
          },
          '取消',
        ),
      )
    : '';
  const toasts = phone.toasts.length
    ? h('div', { class: 'toasts' }, ...phone.toasts.map((toast) => h('span', { class: 'toast' }, toast)))
    : '';
  return h(
    'div',
    { class: 'phone-actions' },
    back,
    modal,
    sheet,
    phone.avatarSheet ? avatarSheet(phone, act) : '',
    phone.phoneNumberSheet ? phoneNumberSheet(phone, phone.phoneNumberSheet.suggested, act) : '',
    toasts,
    taps.length || controls.length ? h('div', { class: 'taps' }, ...taps, ...controls) : '',
  );
}

/** A form's values as its submit sends them: every named input and textarea in it, as typed. */
function formValues(form: Element): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[name], textarea[name]'))
    values[field.name] = field.value;
  return values;
}

/**
 * The page as the phone shows it: the server's escaped HTML of the rendered WXML with the page's
 * scoped WXSS, in a phone-sized frame. Tapping a tap target or an open-type button acts on it, a
 * form's submit button submits what was typed into the form's inputs; a disabled element does nothing.
 */
export function phoneFrame(phone: PhoneView, act: PhoneAction): HTMLElement {
  const frame = h('div', { class: 'phone-frame', 'data-route': phone.page?.route ?? '' });
  const style = document.createElement('style');
  style.textContent = phone.page?.screen.css ?? '';
  const body = h('div', { class: 'phone-page' });
  body.innerHTML = phone.page?.screen.html ?? ''; // escaped by the server (phone/render/page-html.ts)
  frame.append(style, body);
  if (!phone.open) return frame;
  frame.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target || target.closest('[data-disabled]')) return;
    const form = target.closest('[data-form-submit]')?.closest('[data-form]');
    const control = target.closest('[data-control]');
    const tap = target.closest('[data-handler]');
    if (form) act(`${phone.id}/act`, { id: form.getAttribute('data-form'), values: formValues(form) });
    else if (control) act(`${phone.id}/act`, { id: control.getAttribute('data-control') });
    else if (tap) act(`${phone.id}/tap`, { handler: tap.getAttribute('data-handler') });
  });
  return frame;
}
