/** The console API's types of the simulated phones (Phones tab), shared by the server and the page. */

/** POST phones: launch the mini-program as this user. */
export interface LaunchPhoneRequest {
  openid: string;
  appid: string;
  unionid?: string;
  /**
   * The number WeChat knows for this user: the phone-number button shares it at once. Without it the button
   * asks the person (PhoneView.phoneNumberSheet).
   */
  phoneNumber?: string;
}

export interface PhoneCallView {
  name: string;
  ok: boolean;
  durationMs: number;
  /** JSON text of what the call gave the app (masked). */
  answer: string;
}

export interface PhoneView {
  id: string;
  label: string;
  /** Masked. */
  openid: string;
  unionid: string | null;
  appid: string;
  open: boolean;
  /**
   * The topmost page: its route and data (JSON text), and what it shows that can be tapped (rendered
   * on WeChat's component engine, so wx:if and wx:for count), each labelled with its visible text.
   */
  page: {
    route: string;
    data: string;
    taps: Array<{ handler: string; label: string }>;
    controls: PhoneControlView[];
    canGoBack: boolean;
    /**
     * The page as the phone shows it: escaped HTML of WeChat's component tags, and its WXSS scoped to
     * `.phone-frame`.
     */
    screen: { html: string; css: string };
  } | null;
  /** The modal the app waits on until it is answered (POST phones/:id/modal). */
  modal: { title: string; content: string; confirmText: string; cancelText: string } | null;
  /** The items of the action sheet the app waits on (POST phones/:id/action-sheet). */
  actionSheet: string[] | null;
  /** Whether WeChat's avatar sheet waits for a picture (POST phones/:id/avatar). */
  avatarSheet: boolean;
  /** WeChat's phone-number sheet while it waits, with the number it offers first (POST phones/:id/phone-number). */
  phoneNumberSheet: { suggested: string } | null;
  /** The app's latest toasts, newest last. */
  toasts: string[];
  calls: PhoneCallView[];
}

/** An open-type button or a form the page shows, acted on by id (POST phones/:id/act). */
export interface PhoneControlView {
  kind: 'chooseAvatar' | 'getPhoneNumber' | 'agreePrivacy' | 'form';
  id: string;
  label: string;
  fields?: string[];
}

/** POST phones/:id/act: a form's values, or nothing for a button. */
export interface ActRequest {
  id: string;
  values?: Record<string, string>;
}

/** POST phones/:id/action-sheet: the item picked, or null to cancel. */
export interface ActionSheetAnswerRequest {
  index: number | null;
}

/** POST phones/:id/modal */
export interface ModalAnswerRequest {
  confirm: boolean;
}

export interface PhonesResponse {
  phones: PhoneView[];
}

/** POST phones/:id/tap */
export interface TapRequest {
  handler: string;
}

/** The pictures WeChat's avatar sheet takes from the console, and the largest one (bytes). */
export const AVATAR_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
export const MAX_AVATAR_BYTES = 2 * 1024 * 1024;

/** What is wrong with a picture of `type` and `size` bytes for the avatar sheet (Chinese, then English). */
export function avatarProblem(type: string, size: number): string | undefined {
  if (!AVATAR_TYPES.includes(type.toLowerCase()))
    return `头像只能是 PNG、JPEG、GIF 或 WebP 图片 / the avatar must be a PNG, JPEG, GIF or WebP picture (got "${type}")`;
  if (size === 0) return '图片是空的 / the picture is empty';
  if (size > MAX_AVATAR_BYTES) {
    const mb = (size / 1024 / 1024).toFixed(1);
    return `图片不能超过 2 MB（这张 ${mb} MB） / the picture must be at most 2 MB (this one is ${mb} MB)`;
  }
  return undefined;
}

/** POST phones/:id/avatar: the picture picked (base64), the phone's default picture, or null to cancel the sheet. */
export interface AvatarAnswerRequest {
  image: { contentBase64: string; contentType: string } | 'default' | null;
}

/** The numbers the phone-number sheet shares: 5 to 15 digits (what `POST /wechat/phone-code` takes). */
export const PHONE_NUMBER_PATTERN = /^\d{5,15}$/;

export const PHONE_NUMBER_PROBLEM = '手机号应为 5 到 15 位数字 / a phone number is 5 to 15 digits';

/** POST phones/:id/phone-number: the number shared, or null to deny. */
export interface PhoneNumberAnswerRequest {
  phoneNumber: string | null;
}
