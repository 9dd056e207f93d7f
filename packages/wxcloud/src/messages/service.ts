/**
 * Messages to users as an emulated service: subscribe messages (templates from the project's
 * wxcloud.templates.json, one-time acceptances from the simulated phone's wx.requestSubscribeMessage),
 * uniform and customer-service messages. Its capabilities are served on both wires by the openapi
 * service (capabilities.ts); `POST /wechat/subscribe` `{ openid, appid, tmplIds }` is the phone's
 * subscribe sheet. Every message sent is listed in the console's Messages tab and by `sent()`.
 */
import { z } from 'zod';
import type { EmulatorService, ServiceFactory } from '../host/service';
import type { EmulatorApp } from '../host/server';
import { formatZodError } from '../zod-messages';
import { messageCapabilities } from './capabilities';
import { messagesConsolePanel } from './console-panel';
import { MessagesState, type SentMessage, type SubscribeAnswer } from './state';
import { readTemplates, type SubscribeTemplate } from './templates';

export const MESSAGES_SERVICE = 'messages';
/** Templates one wx.requestSubscribeMessage may ask for (the base library's limit). */
export const MAX_TEMPLATES_PER_REQUEST = 3;

export interface MessagesServiceOptions {
  /** Reads `wxcloud.templates.json` here (the project root). */
  projectRoot?: string;
  /** Templates given directly (added to the file's). */
  templates?: SubscribeTemplate[];
  now?: () => number;
}

export interface MessagesService extends EmulatorService {
  readonly state: MessagesState;
  /** Every message sent since the last reset, oldest first. */
  sent(): SentMessage[];
  /** How the user answers the next templates of subscribe sheets, one per template (then: accept). */
  answerNextSubscriptions(...answers: SubscribeAnswer[]): void;
}

const id = z.string().min(1).max(128);
const SubscribeRequest = z.strictObject({ openid: id, appid: id, tmplIds: z.unknown() });

export function messagesService(options: MessagesServiceOptions = {}): ServiceFactory<MessagesService> {
  return () => {
    const templates = [
      ...(options.projectRoot ? readTemplates(options.projectRoot) : []),
      ...(options.templates ?? []),
    ];
    const state = new MessagesState(templates, options.now);
    return {
      name: MESSAGES_SERVICE,
      state,
      openApis: messageCapabilities(state),
      routes: (app) => registerSubscribeRoute(app, state),
      consolePanels: [messagesConsolePanel(state)],
      sent: () => state.sent(),
      answerNextSubscriptions: (...answers) => state.answerNext(...answers),
      reset: () => state.clear(),
    };
  };
}

/** The base library's answers: `{ errMsg, [tmplId]: 'accept' | 'reject' }`, or errCode 10001/10004/20001/20003. */
function registerSubscribeRoute(app: EmulatorApp, state: MessagesState): void {
  app.post('/wechat/subscribe', async (c) => {
    const parsed = SubscribeRequest.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success)
      return c.json(
        { errCode: 10004, errMsg: `requestSubscribeMessage:fail invalid request: ${formatZodError(parsed.error)}` },
        400,
      );
    const { openid, appid, tmplIds } = parsed.data;
    const fail = (errCode: number, message: string) =>
      c.json({ errCode, errMsg: `requestSubscribeMessage:fail ${message}` });
    if (!Array.isArray(tmplIds) || tmplIds.length === 0)
      return Array.isArray(tmplIds) ? fail(10001, "TmplIds can't be empty") : fail(10004, 'Invalid template id');
    if (!tmplIds.every((tmplId) => typeof tmplId === 'string')) return fail(10004, 'Invalid template id');
    if (tmplIds.length > MAX_TEMPLATES_PER_REQUEST) return fail(20003, 'Templates count out of max bounds');
    if (!tmplIds.every((tmplId) => state.template(tmplId)))
      return fail(20001, 'No template data return, verify the template id exist');
    const answer: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
    for (const tmplId of new Set(tmplIds as string[])) answer[tmplId] = state.subscribe(appid, openid, tmplId);
    return c.json(answer);
  });
}
