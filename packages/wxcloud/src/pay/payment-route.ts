/**
 * `POST /wechat/request-payment`: the simulated phone's wx.requestPayment. The payment must be one
 * unifiedOrder signed for an unpaid order of this user; then the user pays (the order is SUCCESS
 * and its function notified), cancels (`requestPayment:fail cancel`, the order stays NOTPAY) or
 * the payment fails (`requestPayment:fail …`), as the test or console chose.
 */
import { z } from 'zod';
import { formatZodError } from '../zod-messages';
import type { EmulatorApp } from '../host/server';
import type { PayOrder, PayOrders } from './orders';

export type PaymentOutcome = 'pay' | 'cancel' | 'fail';

export interface PaymentRouteParts {
  orders: PayOrders;
  nextOutcome(): PaymentOutcome;
  notify(order: PayOrder, event: Record<string, unknown>): Promise<void>;
}

const BAD_PAY_SIGN = 'requestPayment:fail 支付验证签名失败 / the payment is not one unifiedOrder made';
const FOREIGN_ORDER = 'requestPayment:fail 该订单不属于当前用户 / the order belongs to another user';
const id = z.string().min(1).max(128);
const PaymentRequest = z.strictObject({
  openid: id,
  appid: id,
  payment: z.object({
    timeStamp: z.string(),
    nonceStr: z.string(),
    package: z.string(),
    signType: z.string(),
    paySign: z.string(),
    appId: z.string().optional(),
  }),
});

export function registerPaymentRoute(app: EmulatorApp, parts: PaymentRouteParts): void {
  app.post('/wechat/request-payment', async (c) => {
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      return c.json({ errMsg: 'requestPayment:fail body is not JSON' }, 400);
    }
    const parsed = PaymentRequest.safeParse(json);
    if (!parsed.success)
      return c.json({ errMsg: `requestPayment:fail invalid parameters: ${formatZodError(parsed.error)}` }, 400);
    const { openid, appid, payment } = parsed.data;
    const order = parts.orders.byPrepayId(payment.package.replace(/^prepay_id=/, ''));
    // The real sheet checks the signature over appId too; the phone's app is the order's.
    if (!order || order.appid !== appid || !parts.orders.checkPaySign({ ...payment, appId: order.appid })) {
      return c.json({ errMsg: BAD_PAY_SIGN });
    }
    if (order.openid !== openid) return c.json({ errMsg: FOREIGN_ORDER });
    if (order.state !== 'NOTPAY')
      return c.json({ errMsg: `requestPayment:fail 订单状态 ${order.state} / the order is ${order.state}` });
    const outcome = parts.nextOutcome();
    if (outcome === 'cancel') return c.json({ errMsg: 'requestPayment:fail cancel' });
    if (outcome === 'fail') return c.json({ errMsg: 'requestPayment:fail 支付失败 / the payment failed' });
    await parts.notify(order, parts.orders.markPaid(order));
    return c.json({ errMsg: 'requestPayment:ok' });
  });
}
