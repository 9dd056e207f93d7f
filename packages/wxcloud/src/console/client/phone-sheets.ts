/**
 * WeChat's own sheets on a phone card, answered by the person at the console: the avatar sheet (pick
 * a picture from this computer, checked for type and size before it is sent; the phone's default
 * picture; or cancel) and the phone-number sheet (share the number offered first or one typed
 * instead, or deny). The phone waits until one is answered.
 */
import { avatarProblem, PHONE_NUMBER_PATTERN, PHONE_NUMBER_PROBLEM, type PhoneView } from '../api-types';
import { both, h, notify } from './dom';

/** Posts an answer to the phone's API (phone-screen.ts's PhoneAction). */
type PhoneAction = (path: string, body: object) => void;

const ACCEPTED_PICTURES = 'image/png,image/jpeg,image/gif,image/webp';

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

/** The last problem of each phone's sheet (`phone-1/avatar`), shown again when the card is redrawn. */
const problems = new Map<string, string>();

/** Shows `message` in the sheet (until it is answered) and at the top of the page. */
function showProblem(key: string, message: string): void {
  problems.set(key, message);
  // the sheet as drawn now (the card may have been redrawn since the person picked)
  for (const line of document.querySelectorAll(`[data-sheet="${CSS.escape(key)}"] .sheet-error`))
    line.textContent = message;
  notify(message, 'error');
}

/** Answers the sheet `key`: its problem is over. */
function answer(act: PhoneAction, key: string, body: object): void {
  problems.delete(key);
  act(key, body);
}

export function avatarSheet(phone: PhoneView, act: PhoneAction): HTMLElement {
  const key = `${phone.id}/avatar`;
  const file = h('input', { type: 'file', accept: ACCEPTED_PICTURES, 'data-avatar-file': '' });
  const sheet = h(
    'div',
    { class: 'modal avatar-sheet', role: 'dialog', 'data-sheet': key },
    h('strong', {}, both('选择头像', 'Choose an avatar')),
    h('label', { class: 'file-pick' }, both('从电脑选一张图片', 'Pick a picture'), ' ', file),
    h('small', {}, both('PNG、JPEG、GIF 或 WebP，不超过 2 MB', 'PNG, JPEG, GIF or WebP, at most 2 MB')),
    h('p', { class: 'sheet-error', role: 'alert' }, problems.get(key) ?? ''),
    h(
      'div',
      { class: 'modal-buttons' },
      h(
        'button',
        { type: 'button', 'data-answer': 'cancel', onclick: () => answer(act, key, { image: null }) },
        both('取消', 'Cancel'),
      ),
      h(
        'button',
        { type: 'button', 'data-answer': 'default', onclick: () => answer(act, key, { image: 'default' }) },
        both('用默认头像', 'Default picture'),
      ),
    ),
  );
  file.addEventListener('change', () => {
    const picked = file.files?.[0];
    if (!picked) return;
    const problem = avatarProblem(picked.type || picked.name, picked.size);
    if (problem) return showProblem(key, problem);
    void picked.arrayBuffer().then((buffer) =>
      answer(act, key, {
        image: { contentBase64: base64Of(new Uint8Array(buffer)), contentType: picked.type },
      }),
    );
  });
  return sheet;
}

export function phoneNumberSheet(phone: PhoneView, suggested: string, act: PhoneAction): HTMLElement {
  const key = `${phone.id}/phone-number`;
  const number = h('input', {
    name: 'phoneNumber',
    inputmode: 'numeric',
    autocomplete: 'off',
    value: suggested,
    'aria-label': '手机号 / phone number',
  });
  const form = h(
    'form',
    { class: 'phone-form', 'data-form': 'phone-number-sheet' },
    number,
    h('button', { type: 'submit', class: 'primary', 'data-answer': 'allow' }, both('允许', 'Allow')),
    h(
      'button',
      {
        type: 'button',
        'data-answer': 'deny',
        onclick: () => answer(act, key, { phoneNumber: null }),
      },
      both('拒绝', 'Deny'),
    ),
  );
  const sheet = h(
    'div',
    { class: 'modal phone-number-sheet', role: 'dialog', 'data-sheet': key },
    h('strong', {}, both('申请获取你的手机号', 'The app asks for your phone number')),
    h('p', {}, both('可以改成别的号码再允许', 'Type another number before allowing if you like')),
    form,
    h('p', { class: 'sheet-error', role: 'alert' }, problems.get(key) ?? ''),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = number.value.trim();
    if (!PHONE_NUMBER_PATTERN.test(value)) return showProblem(key, PHONE_NUMBER_PROBLEM);
    answer(act, key, { phoneNumber: value });
  });
  return sheet;
}
