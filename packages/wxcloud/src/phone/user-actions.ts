/**
 * The user of a simulated phone acting on the topmost page (`phone.screen(launch)`): taps on
 * buttons, including the open-type buttons whose result comes from WeChat itself (chooseAvatar
 * gives the picture the user picks as a temporary image, getPhoneNumber a code for the number the
 * user shares, from the emulator's `POST /wechat/phone-code`,
 * agreePrivacyAuthorization records consent), and form submits with the nickname input's value.
 * Privacy-guarded ones wait for consent first (privacy.ts). Only what the page shows now can be
 * acted on: the element is checked against the page rendered on WeChat's component engine (taps.ts).
 */
import type { PageStack } from './pages';
import type { PrivacyConsent } from './privacy';
import { boundHandler, findElement, readPageWxml, wxEvent, type WxmlElement } from './screen';
import { renderPage } from './taps';
import type { RenderedNode } from './render/wxml-engine';
import type { PageInstance } from './pages';
import type { TempFiles } from './wx-cloud-storage';
import type { SimulatedUser } from './wx-cloud-client';

/** What chooseAvatar gives when the test sets no image (a 96×96 picture). */
export { DEFAULT_AVATAR_PNG } from './avatar-png';

export interface UserActionHost {
  baseUrl: string;
  miniprogramRoot: string;
  user(): SimulatedUser;
  pages: PageStack;
  privacy: PrivacyConsent;
  tempFiles: TempFiles;
  /** The number the user shares on WeChat's phone-number sheet; undefined: the user denies. */
  askPhoneNumber(): Promise<string | undefined>;
  /** The picture the user picks on WeChat's avatar sheet; undefined: the user cancels. */
  askAvatar(): Promise<Picture | undefined>;
}

/** An image the user picked (chooseAvatar gives it as a temporary file). */
export interface Picture {
  bytes: Uint8Array;
  contentType: string;
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

export interface Screen {
  /** Taps the element; resolves with what its handler returned (awaited). */
  tap(selector: string): Promise<unknown>;
  /** Submits the form with these input values (a `type="nickname"` input asks for privacy consent first). */
  submitForm(selector: string, values: Record<string, string>): Promise<unknown>;
}

export function createScreen(host: UserActionHost): Screen {
  const top = () => {
    const page = host.pages.top;
    if (!page) throw new Error('no page is open');
    return { page, elements: readPageWxml(host.miniprogramRoot, page.route) };
  };
  /** The element, if the page shows it now (rendered on the component engine: wx:if, hidden). */
  const shown = (selector: string) => {
    const { page, elements } = top();
    const element = findElement(elements, selector);
    const id = element.attributes.id;
    if (id && !shownIds(host.miniprogramRoot, page).has(id))
      throw new Error(`${page.route} does not show ${selector} now`);
    return element;
  };
  const fire = async (element: WxmlElement, event: string, detail: Record<string, unknown>) => {
    const { page } = top();
    const name = boundHandler(element, event);
    if (!name) return undefined;
    const handler = page[name];
    if (typeof handler !== 'function')
      throw new Error(`${page.route} binds ${event} to ${name}, which the page does not define`);
    return await (handler as (e: unknown) => unknown).call(page, wxEvent(event, element, detail));
  };
  return {
    async tap(selector) {
      const element = shown(selector);
      switch (element.attributes['open-type']) {
        case 'chooseAvatar':
          return chooseAvatar(host, element, fire);
        case 'getPhoneNumber':
          return fire(element, 'getphonenumber', await phoneNumberDetail(host));
        case 'agreePrivacyAuthorization':
          host.privacy.tappedAgreeButtons.add(element.attributes.id ?? '');
          await fire(element, 'tap', {});
          return fire(element, 'agreeprivacyauthorization', {});
        default:
          return fire(element, 'tap', {});
      }
    },
    async submitForm(selector, values) {
      const { elements } = top();
      const form = shown(selector);
      const nicknameInputs = elements.filter(
        (element) =>
          element.tag === 'input' && element.attributes.type === 'nickname' && element.attributes.name! in values,
      );
      if (nicknameInputs.length) await host.privacy.guard('nickname');
      return fire(form, 'submit', { value: values });
    },
  };
}

async function chooseAvatar(
  host: UserActionHost,
  element: WxmlElement,
  fire: (e: WxmlElement, event: string, detail: Record<string, unknown>) => Promise<unknown>,
) {
  try {
    await host.privacy.guard('chooseAvatar');
  } catch {
    return undefined; // the avatar sheet never opens
  }
  const picture = await host.askAvatar();
  if (!picture) return undefined; // the sheet was cancelled: WeChat fires nothing
  const avatarUrl = `wxfile://tmp_avatar_${host.tempFiles.size + 1}.${EXTENSIONS[picture.contentType] ?? 'png'}`;
  host.tempFiles.set(avatarUrl, { bytes: picture.bytes, contentType: picture.contentType });
  return fire(element, 'chooseavatar', { avatarUrl });
}

async function phoneNumberDetail(host: UserActionHost): Promise<Record<string, unknown>> {
  try {
    await host.privacy.guard('getPhoneNumber');
  } catch (error) {
    return { errno: 104, errMsg: (error as { errMsg: string }).errMsg };
  }
  const phoneNumber = await host.askPhoneNumber();
  if (!phoneNumber) return { errMsg: 'getPhoneNumber:fail user deny' };
  const { OPENID, APPID } = host.user();
  const response = await fetch(`${host.baseUrl}/wechat/phone-code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid: OPENID, appid: APPID, phoneNumber }),
  });
  if (!response.ok) return { errMsg: `getPhoneNumber:fail ${response.status}` };
  const { code, cloudID } = (await response.json()) as { code: string; cloudID: string };
  return { code, cloudID, errMsg: 'getPhoneNumber:ok' };
}

/** Ids of the elements the page shows now. */
function shownIds(miniprogramRoot: string, page: PageInstance): Set<string> {
  const ids = new Set<string>();
  const walk = (node: RenderedNode) => {
    if (
      typeof node === 'string' ||
      node.attrs.some((entry) => entry.name === 'hidden' && entry.value !== false && entry.value !== 'false')
    )
      return;
    const id = node.attrs.find((entry) => entry.name === 'id')?.value;
    if (id !== undefined) ids.add(String(id));
    node.children.forEach(walk);
  };
  const root = renderPage(miniprogramRoot, page);
  if (root) walk(root);
  return ids;
}
