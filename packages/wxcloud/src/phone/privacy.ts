/**
 * Privacy consent on a simulated phone, as the base library runs it: a privacy-guarded API
 * (chooseAvatar, the nickname input, the phone-number button ...) proceeds at once once the user
 * has agreed; otherwise the app's `wx.onNeedPrivacyAuthorization` listener is called with a
 * `resolve`, and the API waits until the app resolves `{ event: 'agree', buttonId }` (the id of an
 * `agreePrivacyAuthorization` button the user tapped) or `{ event: 'disagree' }`, which fails it
 * with errno 104. With no listener the platform's own popup asks, answered by `defaultAnswer`.
 * Consent outlives a launch (the phone keeps it, as WeChat does for a version of the guide).
 */

export type PrivacyResolve = (answer: {
  event: 'agree' | 'disagree' | 'exposureAuthorization';
  buttonId?: string;
}) => void;
type Listener = (resolve: PrivacyResolve, eventInfo: { referrer: string }) => void;

/** The base library's errno for an API refused because privacy consent was not given. */
export const PRIVACY_NOT_AUTHORIZED = 104;

export class PrivacyConsent {
  agreed = false;
  /** Button ids of agreePrivacyAuthorization buttons the user tapped since the last prompt. */
  readonly tappedAgreeButtons = new Set<string>();
  private listener: Listener | undefined;
  /** The APIs that asked, in order (for tests: proof a guarded API waited). */
  readonly prompts: string[] = [];

  constructor(private readonly defaultAnswer: 'agree' | 'disagree' = 'agree') {}

  onNeed(listener: Listener): void {
    this.listener = listener;
  }

  offNeed(): void {
    this.listener = undefined;
  }

  /** Resolves once `api` may run; rejects with errno 104 when consent is refused. */
  async guard(api: string): Promise<void> {
    if (this.agreed) return;
    this.prompts.push(api);
    const answer = await new Promise<Parameters<PrivacyResolve>[0]>((resolve) => {
      if (this.listener) this.listener(resolve, { referrer: api });
      else resolve({ event: this.defaultAnswer });
    });
    if (
      answer.event === 'agree' &&
      (this.listener === undefined || (answer.buttonId !== undefined && this.tappedAgreeButtons.has(answer.buttonId)))
    ) {
      this.agreed = true;
      return;
    }
    throw { errno: PRIVACY_NOT_AUTHORIZED, errMsg: `${api}:fail privacy permission is not authorized` };
  }

  forget(): void {
    this.agreed = false;
    this.tappedAgreeButtons.clear();
  }
}
