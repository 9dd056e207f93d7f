/**
 * The app's side of privacy consent: `wx.onNeedPrivacyAuthorization` hands over a `resolve` when a
 * privacy-guarded API (chooseAvatar, the nickname input, the phone-number button) needs consent;
 * the page shows its popup while one is pending, and the user's tap on the
 * `agreePrivacyAuthorization` button (or on 拒绝) resolves it. Pure of `wx`: app.ts connects it.
 */

export type PrivacyAnswer = { event: 'agree'; buttonId: string } | { event: 'disagree' };
export type PrivacyResolver = (answer: PrivacyAnswer) => void;

export interface PrivacyPrompt {
  /** A guarded API is waiting for the user's answer. */
  pending: boolean;
  /** Which API asked (the base library's `referrer`). */
  referrer: string;
}

type Listener = (prompt: PrivacyPrompt) => void;

export class PrivacyGate {
  private resolver: PrivacyResolver | null = null;
  private prompt: PrivacyPrompt = { pending: false, referrer: '' };
  private readonly listeners = new Set<Listener>();

  /** For wx.onNeedPrivacyAuthorization: keeps `resolve` until the user answers. */
  need(resolve: PrivacyResolver, referrer = ''): void {
    this.resolver = resolve;
    this.set({ pending: true, referrer });
  }

  /** The user tapped the agree button whose id is `buttonId`. */
  agree(buttonId: string): void {
    this.answer({ event: 'agree', buttonId });
  }

  disagree(): void {
    this.answer({ event: 'disagree' });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.prompt);
    return () => this.listeners.delete(listener);
  }

  private answer(answer: PrivacyAnswer): void {
    const resolve = this.resolver;
    this.resolver = null;
    this.set({ pending: false, referrer: '' });
    resolve?.(answer);
  }

  private set(prompt: PrivacyPrompt): void {
    this.prompt = prompt;
    for (const listener of this.listeners) listener(prompt);
  }
}
