/**
 * What a launched phone waits on a person for, one thing at a time: the app's modal or action sheet,
 * WeChat's avatar sheet (pick a picture, the default one, or cancel) and WeChat's phone-number sheet
 * (share a number, or deny). The console (or a test) answers; nothing is answered by itself. Closing
 * the phone cancels what it waits on.
 */
import type { SimulatedDevice } from './device';
import type { Picture } from './user-actions';

export interface PendingModal {
  title?: string;
  content?: string;
  confirmText?: string;
  cancelText?: string;
}

/** The number the phone-number sheet offers first (the person may type another). */
export const SUGGESTED_PHONE_NUMBER = '13800138000';

export type PendingDialog =
  | { kind: 'modal'; modal: PendingModal; resolve(confirm: boolean): void }
  | { kind: 'actionSheet'; itemList: string[]; resolve(index: number | undefined): void }
  | { kind: 'avatar'; resolve(picture: Picture | undefined): void }
  | { kind: 'phoneNumber'; suggested: string; resolve(phoneNumber: string | undefined): void };

type Kind = PendingDialog['kind'];
type Pending<K extends Kind> = Extract<PendingDialog, { kind: K }>;

const NAMES: Record<Kind, string> = {
  modal: 'modal',
  actionSheet: 'action sheet',
  avatar: 'avatar sheet',
  phoneNumber: 'phone-number sheet',
};

export class Waiting {
  private current: PendingDialog | undefined;

  constructor(private readonly notify: () => void) {}

  /**
   * Makes `device` wait for the person: modals, action sheets and the avatar sheet always; the
   * phone-number sheet unless the phone was launched knowing the number (`askPhoneNumber` false).
   */
  wire(device: SimulatedDevice, askPhoneNumber: boolean): void {
    device.answerModal = (modal) => this.ask<boolean>((resolve) => ({ kind: 'modal', modal, resolve }));
    device.answerActionSheet = ({ itemList }) =>
      this.ask<number | undefined>((resolve) => ({ kind: 'actionSheet', itemList, resolve }));
    device.answerAvatar = () => this.ask<Picture | undefined>((resolve) => ({ kind: 'avatar', resolve }));
    if (askPhoneNumber) {
      device.answerPhoneNumber = () =>
        this.ask<string | undefined>((resolve) => ({
          kind: 'phoneNumber',
          suggested: SUGGESTED_PHONE_NUMBER,
          resolve,
        }));
    }
  }

  /** What the phone waits on now, if it is of `kind`. */
  pending<K extends Kind>(kind: K): Pending<K> | undefined {
    return this.current?.kind === kind ? (this.current as Pending<K>) : undefined;
  }

  /** Takes what phone `id` waits on, to answer it; throws when it waits on no such thing. */
  take<K extends Kind>(kind: K, id: string): Pending<K> {
    const pending = this.pending(kind);
    if (!pending) throw new Error(`phone ${id} shows no ${NAMES[kind]}`);
    this.current = undefined;
    return pending;
  }

  /** Closing a phone cancels what it waits on. */
  cancel(): void {
    const pending = this.current;
    this.current = undefined;
    if (pending?.kind === 'modal') pending.resolve(false);
    else pending?.resolve(undefined);
  }

  private ask<T>(make: (resolve: (value: T) => void) => PendingDialog): Promise<T> {
    return new Promise<T>((resolve) => {
      this.current = make(resolve);
      this.notify();
    });
  }
}
