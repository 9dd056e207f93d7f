/**
 * The console's Pay tab: every order (state, amount, user), and what its function answered to the
 * payment notification. Openids are masked as elsewhere in the console.
 */
import { maskOpenid } from '../console/mask';
import type { PanelContent } from '../console/api-types';
import type { ConsolePanel } from '../console/panel-contract';
import type { PayOrders } from './orders';
import type { PaymentOutcome } from './payment-route';

const OUTCOMES: Array<{ value: PaymentOutcome; label: { zh: string; en: string } }> = [
  { value: 'pay', label: { zh: '付款', en: 'pays' } },
  { value: 'cancel', label: { zh: '取消', en: 'cancels' } },
  { value: 'fail', label: { zh: '支付失败', en: 'fails' } },
];

const STATE_TEXT = {
  NOTPAY: '未支付 / not paid',
  SUCCESS: '已支付 / paid',
  CLOSED: '已关闭 / closed',
  REFUND: '已退款 / refunded',
} as const;

export function payConsolePanel(orders: PayOrders, mode: { outcome: PaymentOutcome }): ConsolePanel {
  return {
    id: 'pay',
    title: { zh: '支付', en: 'Pay' },
    choose: (_choice, value) => void (mode.outcome = value as PaymentOutcome),
    content: (): PanelContent => ({
      blocks: [
        {
          kind: 'choice',
          id: 'payment-outcome',
          caption: {
            zh: '模拟手机调用 wx.requestPayment 时，用户',
            en: 'When a simulated phone calls wx.requestPayment, the user',
          },
          options: OUTCOMES,
          value: mode.outcome,
        },
        {
          kind: 'table',
          caption: { zh: '订单（cloud.cloudPay.unifiedOrder）', en: 'Orders (cloud.cloudPay.unifiedOrder)' },
          columns: [
            { key: 'outTradeNo', title: { zh: '商户订单号', en: 'Out trade no' } },
            { key: 'body', title: { zh: '商品', en: 'Body' } },
            { key: 'totalFee', title: { zh: '金额（分）', en: 'Amount (fen)' } },
            { key: 'refunded', title: { zh: '已退（分）', en: 'Refunded (fen)' } },
            { key: 'openid', title: { zh: '用户', en: 'User' } },
            { key: 'state', title: { zh: '状态', en: 'State' } },
            { key: 'callback', title: { zh: '回调函数', en: 'Callback' } },
            { key: 'answer', title: { zh: '回调应答', en: 'Its answer' } },
          ],
          rows: orders.list().map((order) => ({
            outTradeNo: order.outTradeNo,
            body: order.body,
            totalFee: order.totalFee,
            refunded: order.refunds.reduce((sum, refund) => sum + refund.refundFee, 0),
            openid: maskOpenid(order.openid),
            state: STATE_TEXT[order.state],
            callback: order.functionName,
            answer: order.notification
              ? `${order.notification.delivered ? '✓' : '✗'} ${JSON.stringify(order.notification.answer) ?? ''}`
              : '',
          })),
        },
      ],
    }),
  };
}
