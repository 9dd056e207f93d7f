/**
 * Subscribe messages' state: each user's one-time acceptances per template (wx.requestSubscribeMessage
 * adds one per accept; a send uses one up), and every message sent (subscribe, uniform and customer
 * service), newest last, the oldest forgotten past MAX_SENT.
 */
import type { SubscribeTemplate } from './templates';

export type SubscribeAnswer = 'accept' | 'reject';
export type MessageKind = 'subscribe' | 'uniform' | 'customer-service';

export interface SentMessage {
  kind: MessageKind;
  appid: string;
  touser: string;
  /** The template (subscribe), or the message type (customer service). */
  template?: string;
  page?: string;
  data: unknown;
  wire: 'cloud' | 'http';
  at: number;
}

/** Sent messages kept for the console and tests. */
export const MAX_SENT = 500;

const key = (appid: string, openid: string, template: string) => `${appid}\u0000${openid}\u0000${template}`;

export class MessagesState {
  private readonly acceptances = new Map<string, number>();
  private readonly sentMessages: SentMessage[] = [];
  private readonly nextAnswers: SubscribeAnswer[] = [];
  /** The answer once the queued ones are used (the console's Messages tab sets it). */
  answerMode: SubscribeAnswer = 'accept';

  constructor(
    private templates: SubscribeTemplate[],
    readonly now: () => number = Date.now,
  ) {}

  template(id: string): SubscribeTemplate | undefined {
    return this.templates.find((template) => template.id === id);
  }

  allTemplates(): SubscribeTemplate[] {
    return [...this.templates];
  }

  setTemplates(templates: SubscribeTemplate[]): void {
    this.templates = [...templates];
  }

  /** How the user answers the next subscribe sheets' templates, one answer per template (then: `answerMode`). */
  answerNext(...answers: SubscribeAnswer[]): void {
    this.nextAnswers.push(...answers);
  }

  /** The user answered the sheet for `template`: an accept adds one message they may be sent. */
  subscribe(appid: string, openid: string, template: string): SubscribeAnswer {
    const answer = this.nextAnswers.shift() ?? this.answerMode;
    if (answer === 'accept')
      this.acceptances.set(key(appid, openid, template), this.accepted(appid, openid, template) + 1);
    return answer;
  }

  accepted(appid: string, openid: string, template: string): number {
    return this.acceptances.get(key(appid, openid, template)) ?? 0;
  }

  /** Uses one acceptance; false when there is none left. */
  consume(appid: string, openid: string, template: string): boolean {
    const left = this.accepted(appid, openid, template);
    if (left === 0) return false;
    this.acceptances.set(key(appid, openid, template), left - 1);
    return true;
  }

  record(message: Omit<SentMessage, 'at'>): void {
    this.sentMessages.push({ ...message, at: this.now() });
    if (this.sentMessages.length > MAX_SENT) this.sentMessages.shift();
  }

  sent(): SentMessage[] {
    return [...this.sentMessages];
  }

  /** Every user's acceptances left, for the console. */
  acceptancesLeft(): { appid: string; openid: string; template: string; left: number }[] {
    return [...this.acceptances].map(([joined, left]) => {
      const [appid = '', openid = '', template = ''] = joined.split('\u0000');
      return { appid, openid, template, left };
    });
  }

  clear(): void {
    this.acceptances.clear();
    this.sentMessages.length = 0;
    this.nextAnswers.length = 0;
    this.answerMode = 'accept';
  }
}
