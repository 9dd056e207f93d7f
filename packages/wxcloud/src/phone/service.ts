/**
 * Simulated phones as an emulated service: phones made here run the mini-program's own code
 * against this emulator. Phones launched through `launch` are also kept in a list (what the
 * console shows and taps), with listeners told when one renders; every phone is closed (timers
 * cleared, pages unloaded) and the list emptied on reset and stop.
 */
import type { EmulatorService, ServiceFactory } from '../host/service';
import {
  DEFAULT_MINIPROGRAM_ROOT,
  SimulatedDevice,
  type DeviceOptions,
  type Launch,
  type SimulatedUser,
} from './device';
import { pageControls, type Control } from './controls';
import { screenImage, screenImageUrl } from './screen-images';
import { pageScreen, tap, tapTargets, type TapTarget } from './taps';
import type { Picture } from './user-actions';
import { Waiting, type PendingModal } from './waiting';

export type { PendingModal };

type ScreenImage = { bytes: Uint8Array; contentType: string };

export const PHONES_SERVICE = 'phones';
/** Launched phones kept in the list; launching one more closes the oldest. */
export const MAX_LAUNCHED_PHONES = 20;

type PhoneOptions = Omit<DeviceOptions, 'baseUrl' | 'user'>;

export interface LaunchedPhone {
  /** `phone-1`, `phone-2` … in launch order (numbering starts again after a reset). */
  readonly id: string;
  readonly device: SimulatedDevice;
  readonly launch: Launch;
  /** Whether the launch is still running (not closed by the list, a reset or `close`). */
  open(): boolean;
  /** Tap targets of the topmost page. */
  taps(): TapTarget[];
  /** Open-type buttons and forms of the topmost page. */
  controls(): Control[];
  /** The topmost page as HTML with its scoped WXSS; `text` transforms each text shown (masking). */
  screen(text: (value: string) => string): { html: string; css: string };
  /** The picture an `<image src>` of the topmost page shows, if it is a raster image the phone can reach. */
  image(src: string, readCloudFile: (fileId: string) => Uint8Array | undefined): ScreenImage | undefined;
  /** The modal the app shows and waits on, until the person answers it. */
  modal(): PendingModal | undefined;
  answerModal(confirm: boolean): void;
  /** The items of the action sheet the app waits on. */
  actionSheet(): string[] | undefined;
  /** Picks item `index`, or cancels with undefined. */
  answerActionSheet(index: number | undefined): void;
  /** Whether WeChat's avatar sheet waits for a picture (after chooseAvatar's privacy consent). */
  avatarSheet(): boolean;
  /** Gives the avatar sheet a picture, the phone's default picture (`'default'`), or cancels it (undefined). */
  answerAvatar(picture: Picture | 'default' | undefined): void;
  /** The number WeChat's phone-number sheet offers first, while it waits (launched without a number). */
  phoneNumberSheet(): { suggested: string } | undefined;
  /** Shares `phoneNumber` from the phone-number sheet, or denies (undefined). */
  answerPhoneNumber(phoneNumber: string | undefined): void;
  /** Acts on the control `id` of the topmost page (a form submits `values`). */
  act(id: string, values?: Record<string, string>): Promise<unknown>;
  /** The back button: leaves the topmost page when there is one below it. */
  back(): void;
}

export interface PhonesService extends EmulatorService {
  /** A new phone signed in to WeChat as `user`, pointed at this emulator. */
  phone(user: SimulatedUser, options?: PhoneOptions): SimulatedDevice;
  /** Launches the mini-program on a new phone of `user` and keeps it in the list. */
  launch(user: SimulatedUser, options?: PhoneOptions): Promise<LaunchedPhone>;
  /**
   * Opens a URL scheme, URL link or code on a new phone of `user` (the app starts at its page) and keeps it in the
   * list.
   */
  openUrl(user: SimulatedUser, url: string, options?: PhoneOptions): Promise<LaunchedPhone>;
  /** Launched phones, oldest first. */
  launched(): LaunchedPhone[];
  find(id: string): LaunchedPhone | undefined;
  /** Taps a handler the topmost page of phone `id` binds; throws when it binds none such. */
  tap(id: string, handler: string): void;
  /** Told when a launched phone is added, renders or closes; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export function phonesService(defaults: PhoneOptions = {}): ServiceFactory<PhonesService> {
  return (host) => {
    const phones = new Set<SimulatedDevice>();
    const list: LaunchedPhone[] = [];
    const listeners = new Set<() => void>();
    let counter = 0;
    const notify = () => listeners.forEach((listener) => listener());
    const make = (user: SimulatedUser, options: PhoneOptions = {}, onChange?: () => void) => {
      const phone = new SimulatedDevice({ ...defaults, ...options, baseUrl: host.baseUrl, user, onChange });
      phones.add(phone);
      return phone;
    };
    const closeAll = () => {
      for (const phone of phones) phone.close();
      phones.clear();
      list.length = 0;
      counter = 0;
    };
    const keep = async (
      options: PhoneOptions,
      start: (device: SimulatedDevice) => Promise<Launch>,
      device: SimulatedDevice,
    ) => {
      // A person answers: what the app or WeChat asks waits until the console (or a test) says what to do.
      const waiting = new Waiting(notify);
      waiting.wire(device, (options.phoneNumber ?? defaults.phoneNumber) === undefined);
      const launch = await start(device);
      const root = options.miniprogramRoot ?? defaults.miniprogramRoot ?? DEFAULT_MINIPROGRAM_ROOT;
      const at = { root, baseUrl: host.baseUrl };
      const entry = launchedPhone(`phone-${(counter += 1)}`, device, launch, at, waiting, notify);
      list.push(entry);
      while (list.length > MAX_LAUNCHED_PHONES) list.shift()?.launch.close();
      notify();
      return entry;
    };
    const service: PhonesService = {
      name: PHONES_SERVICE,
      phone: (user, options) => make(user, options),
      launch: (user, options = {}) => keep(options, (device) => device.launch(), make(user, options, notify)),
      openUrl: (user, url, options = {}) => keep(options, (device) => device.openUrl(url), make(user, options, notify)),
      launched: () => [...list],
      find: (id) => list.find((entry) => entry.id === id),
      tap(id, handler) {
        const entry = service.find(id);
        const page = entry?.open() ? entry.launch.pages().at(-1) : undefined;
        if (!entry || !page) throw new Error(`phone ${id} is not running`);
        tap(page, entry.taps(), handler);
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      reset: closeAll,
      stop: closeAll,
    };
    return service;
  };
}

function launchedPhone(
  id: string,
  device: SimulatedDevice,
  launch: Launch,
  { root, baseUrl }: { root: string; baseUrl: string },
  waiting: Waiting,
  notify: () => void,
): LaunchedPhone {
  let closed = false;
  const close = launch.close;
  launch.close = () => {
    closed = true;
    waiting.cancel();
    close();
  };
  const top = () => launch.pages().at(-1);
  const controls = () => {
    const page = top();
    return page ? pageControls(root, page) : [];
  };
  return {
    id,
    device,
    launch,
    open: () => !closed,
    taps: () => {
      const page = top();
      return page ? tapTargets(root, page) : [];
    },
    controls,
    screen: (text) => {
      const page = top();
      return page ? pageScreen(root, page, text, screenImageUrl(id, baseUrl)) : { html: '', css: '' };
    },
    image: (src, readCloudFile) =>
      screenImage(src, {
        tempFiles: device.tempFiles,
        readCloudFile,
        miniprogramRoot: root,
        route: top()?.route ?? '',
      }),
    modal: () => waiting.pending('modal')?.modal,
    answerModal(confirm) {
      waiting.take('modal', id).resolve(confirm);
      notify();
    },
    actionSheet: () => waiting.pending('actionSheet')?.itemList,
    answerActionSheet(index) {
      const items = waiting.pending('actionSheet')?.itemList;
      if (items && index !== undefined && !(index >= 0 && index < items.length))
        throw new Error(`the action sheet of ${id} has no item ${index}`);
      waiting.take('actionSheet', id).resolve(index);
      notify();
    },
    avatarSheet: () => waiting.pending('avatar') !== undefined,
    answerAvatar(picture) {
      const given = picture === 'default' ? { bytes: device.avatar, contentType: 'image/png' } : picture;
      waiting.take('avatar', id).resolve(given);
      notify();
    },
    phoneNumberSheet: () => {
      const pending = waiting.pending('phoneNumber');
      return pending ? { suggested: pending.suggested } : undefined;
    },
    answerPhoneNumber(phoneNumber) {
      waiting.take('phoneNumber', id).resolve(phoneNumber);
      notify();
    },
    async act(controlId, values = {}) {
      const control = controls().find((entry) => entry.id === controlId);
      if (!control) throw new Error(`the top page of ${id} shows no control "${controlId}"`);
      const done =
        control.kind === 'form'
          ? launch.screen.submitForm(`#${controlId}`, values)
          : launch.screen.tap(`#${controlId}`);
      return await done.finally(notify);
    },
    back() {
      if (launch.pages().length < 2) throw new Error(`phone ${id} has no page to go back to`);
      void launch.wx.navigateBack({});
      notify();
    },
  };
}
