/**
 * The message capabilities, each on both wires (cloud.openapi.* and the HTTP API):
 * - subscribeMessage.send / cgi-bin/message/subscribe/send: needs a template the local cloud knows
 *   (40037), data that fit its fields (47003) and one acceptance of the user left (43101), which it uses up;
 * - uniformMessage.send / cgi-bin/message/wxopen/template/uniform_send and
 *   customerServiceMessage.send / cgi-bin/message/custom/send: checked for their shape, recorded.
 */
import { randomUUID } from 'node:crypto';
import type { CapabilityCaller, OpenApiCapability } from '../openapi/capability';
import { wechatError, type WechatApiErrorName } from '../wechat/errors';
import type { MessagesState } from './state';
import { dataProblem } from './templates';

type Json = Record<string, unknown>;

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;
const CUSTOMER_SERVICE_TYPES = ['text', 'image', 'link', 'miniprogrampage'];
const OK = { errcode: 0, errmsg: 'ok' };

function fail(name: WechatApiErrorName, detail?: string): Json {
  const error = wechatError(name, randomUUID());
  return detail ? { ...error, errmsg: `${error.errmsg} ${detail}` } : error;
}

export function messageCapabilities(state: MessagesState): OpenApiCapability[] {
  return [
    {
      cloudName: 'subscribeMessage.send',
      httpPath: 'cgi-bin/message/subscribe/send',
      handle: (data, caller) => sendSubscribe(state, data, caller),
    },
    {
      cloudName: 'uniformMessage.send',
      httpPath: 'cgi-bin/message/wxopen/template/uniform_send',
      handle: (data, caller) => {
        if (typeof data.touser !== 'string' || !OPENID.test(data.touser)) return fail('INVALID_OPENID');
        const message = data.mp_template_msg ?? data.weapp_template_msg;
        if (!message || typeof message !== 'object') return fail('ARGUMENT_INVALID', 'mp_template_msg is missing');
        state.record({ kind: 'uniform', appid: caller.appid, touser: data.touser, data: message, wire: caller.wire });
        return OK;
      },
    },
    {
      cloudName: 'customerServiceMessage.send',
      httpPath: 'cgi-bin/message/custom/send',
      handle: (data, caller) => {
        if (typeof data.touser !== 'string' || !OPENID.test(data.touser)) return fail('INVALID_OPENID');
        const type = String(data.msgtype ?? '');
        if (!CUSTOMER_SERVICE_TYPES.includes(type)) return fail('INVALID_MESSAGE_TYPE');
        if (!data[type] || typeof data[type] !== 'object') return fail('ARGUMENT_INVALID', `${type} is missing`);
        state.record({
          kind: 'customer-service',
          appid: caller.appid,
          touser: data.touser,
          template: type,
          data: data[type],
          wire: caller.wire,
        });
        return OK;
      },
    },
  ];
}

function sendSubscribe(state: MessagesState, data: Json, caller: CapabilityCaller): Json {
  if (typeof data.touser !== 'string' || !OPENID.test(data.touser)) return fail('INVALID_OPENID');
  const template = typeof data.template_id === 'string' ? state.template(data.template_id) : undefined;
  if (!template) return fail('INVALID_TEMPLATE_ID');
  if (data.page !== undefined && (typeof data.page !== 'string' || data.page.length > 1024))
    return fail('INVALID_PAGE');
  const problem = dataProblem(template, data.data);
  if (problem) return fail('ARGUMENT_INVALID', problem);
  if (!state.consume(caller.appid, data.touser, template.id)) return fail('USER_REFUSED_MESSAGE');
  state.record({
    kind: 'subscribe',
    appid: caller.appid,
    touser: data.touser,
    template: template.id,
    ...(typeof data.page === 'string' ? { page: data.page } : {}),
    data: data.data,
    wire: caller.wire,
  });
  return { ...OK, msgid: Math.floor(state.now() * 1000 + Math.random() * 1000) };
}
