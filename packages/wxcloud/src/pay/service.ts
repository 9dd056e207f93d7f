/**
 * WeChat Pay through the cloud (cloud.cloudPay.*) as an emulated service:
 * - `POST /admin` action `wx.wxPayApi` (multipart from node-sdk): `apiName` (unifiedOrder,
 *   queryOrder, closeOrder, refund, queryRefund) and the call's snake_case JSON in `requestData`;
 *   the answer is WeChat Pay's JSON as bytes (wx-server-sdk parses it and camel-cases it);
 * - `POST /wechat/request-payment` `{ openid, appid, payment }`: what the simulated phone's
 *   wx.requestPayment sends; the user pays, cancels or the payment fails, as `answerNextPayments`
 *   chose (pay by default). A paid order's function (functionName) gets the payment notification
 *   before the phone hears back, and its answer is kept with the order.
 */
import { z } from 'zod';
import { RAW_REPLY, defineAction, type RawReply } from '../host/actions';
import { verifyApiToken } from '../host/api-token';
import { EmulatorError } from '../host/errors';
import type { EmulatorService, Host, ServiceFactory } from '../host/service';
import { FUNCTIONS_SERVICE, type FunctionsService } from '../functions/service';
import { payConsolePanel } from './console-panel';
import { payReturnFail } from './errors';
import { PayOrders, type PayOrder } from './orders';
import { registerPaymentRoute, type PaymentOutcome } from './payment-route';
import { camelCaseKeys } from './case';

export const PAY_SERVICE = 'pay';

export interface PayServiceOptions {
  now?: () => number;
}

export interface PayService extends EmulatorService {
  /** Every order since the last reset, newest first. */
  orders(): PayOrder[];
  /** How the next wx.requestPayment calls end, in order (then: as `setPaymentMode` says). */
  answerNextPayments(...outcomes: PaymentOutcome[]): void;
  /** How every payment ends once the queued answers are used (pay unless set; the console's Pay tab sets it too). */
  setPaymentMode(outcome: PaymentOutcome): void;
}

const PayEnvelope = z.object({
  apiName: z.string().min(1).max(64),
  requestData: z.string().base64(),
  wxCloudApiToken: z.string().optional(),
});

type Json = Record<string, unknown>;

export function payService(options: PayServiceOptions = {}): ServiceFactory<PayService> {
  return (host) => {
    const orders = new PayOrders(options.now);
    const outcomes: PaymentOutcome[] = [];
    const mode = { outcome: 'pay' as PaymentOutcome };
    const operations: Record<string, (data: Json, caller: { appid: string; openid: string }) => Json> = {
      unifiedOrder: (data, caller) => orders.unifiedOrder(data, caller),
      queryOrder: (data) => orders.queryOrder(data),
      closeOrder: (data) => orders.closeOrder(data),
      refund: (data) => orders.refund(data),
      queryRefund: (data) => orders.queryRefund(data),
    };
    return {
      name: PAY_SERVICE,
      actions: {
        'wx.wxPayApi': defineAction({
          schema: PayEnvelope,
          handle: (params) => {
            const claims = verifyApiToken(params.wxCloudApiToken);
            if (!claims)
              throw new EmulatorError(
                'PERMISSION_DENIED',
                'cloud.cloudPay.* is only callable from a cloud function (no WX_API_TOKEN)',
              );
            const operation = Object.hasOwn(operations, params.apiName) ? operations[params.apiName] : undefined;
            const data = parseData(params.requestData);
            const answer = operation
              ? operation(data, { appid: claims.appid ?? '', openid: claims.openid ?? '' })
              : payReturnFail(
                  `本地云开发没有模拟 cloudPay.${params.apiName} / the local cloud does not ` +
                    `serve cloudPay.${params.apiName}`,
                );
            return raw(answer);
          },
        }),
      },
      routes: (app) =>
        registerPaymentRoute(app, {
          orders,
          nextOutcome: () => outcomes.shift() ?? mode.outcome,
          notify: (order, event) => notify(host, order, event),
        }),
      consolePanels: [payConsolePanel(orders, mode)],
      orders: () => orders.list(),
      answerNextPayments: (...next) => void outcomes.push(...next),
      setPaymentMode: (outcome) => void (mode.outcome = outcome),
      reset: () => {
        orders.clear();
        outcomes.length = 0;
        mode.outcome = 'pay';
      },
    };
  };
}

function parseData(base64: string): Json {
  try {
    const data: unknown = JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as Json;
  } catch {
    // answered below
  }
  throw new EmulatorError('INVALID_PARAM', 'wx.wxPayApi: requestData is not a JSON object');
}

/** Bytes, not JSON: node-sdk parses a JSON content type itself and wx-server-sdk would then refuse it. */
function raw(answer: Json): Json {
  const reply: RawReply = { body: Buffer.from(JSON.stringify(answer)), contentType: 'application/octet-stream' };
  return { [RAW_REPLY]: reply };
}

/** Calls the order's function with the notification (camel-cased, as the platform sends it) and keeps its answer. */
async function notify(host: Host, order: PayOrder, event: Json): Promise<void> {
  const payload = camelCaseKeys(event);
  const runtime = host.service<FunctionsService>(FUNCTIONS_SERVICE)?.runtime;
  if (!runtime) {
    order.notification = { event: payload, delivered: false, answer: 'no functions service' };
    return;
  }
  const outcome = await runtime.invoke(order.functionName, payload, { source: 'wx_pay' });
  const answer = outcome.ok ? outcome.result : { error: outcome.error };
  // The platform counts a notification delivered when the function answers { errcode: 0 }.
  const delivered = outcome.ok && (outcome.result as { errcode?: unknown } | null)?.errcode === 0;
  order.notification = { event: payload, answer, delivered };
}
