/**
 * WeChat Pay orders as cloud.cloudPay.* sees them: plain state and operations (no wire, no clock
 * of its own). An order moves NOTPAY → SUCCESS (paid) → REFUND (refunded, wholly or in part), or
 * NOTPAY → CLOSED; what WeChat Pay refuses is answered with its errors (errors.ts). Data arrive and
 * answers leave in snake_case, as on WeChat Pay's wire; wx-server-sdk camel-cases both.
 */
import { createHash, randomBytes } from 'node:crypto';
import { payFailure } from './errors';

type Json = Record<string, unknown>;

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND';

export interface PayRefund {
  outRefundNo: string;
  refundId: string;
  refundFee: number;
  at: number;
}

export interface PayOrder {
  outTradeNo: string;
  prepayId: string;
  transactionId?: string;
  appid: string;
  openid: string;
  subMchId: string;
  body: string;
  attach?: string;
  totalFee: number;
  /** The function told of the payment (functionName), and what it answered. */
  functionName: string;
  notification?: { event: Json; answer?: unknown; delivered: boolean };
  state: TradeState;
  createdAt: number;
  paidAt?: number;
  refunds: PayRefund[];
  /** The order's parameters: the same outTradeNo with others is a duplicate (INVALID_REQUEST). */
  fingerprint: string;
}

/** The merchant id of the emulated cloud's payment service (WeChat's documented example). */
export const EMULATED_MCH_ID = '1900000109';
/** Signs `payment` for wx.requestPayment; local and public, never a real merchant key. */
const LOCAL_PAY_KEY = 'wxcloud-local-pay-key-not-for-production';

const OUT_NO = /^[A-Za-z0-9_\-|*@]{1,32}$/;

export interface PayCaller {
  appid: string;
  openid: string;
}

export class PayOrders {
  private readonly orders = new Map<string, PayOrder>();

  constructor(private readonly now: () => number = Date.now) {}

  list(): PayOrder[] {
    return [...this.orders.values()].reverse();
  }

  byPrepayId(prepayId: string): PayOrder | undefined {
    return [...this.orders.values()].find((order) => order.prepayId === prepayId);
  }

  unifiedOrder(data: Json, caller: PayCaller): Json {
    const invalid = missing(data, [
      'body',
      'out_trade_no',
      'sub_mch_id',
      'nonce_str',
      'spbill_create_ip',
      'function_name',
      'env_id',
    ]);
    if (invalid) return payFailure('PARAM_ERROR', invalid);
    const outTradeNo = String(data.out_trade_no);
    if (!OUT_NO.test(outTradeNo))
      return payFailure('PARAM_ERROR', 'out_trade_no 最多 32 个字符，只能是数字、大小写字母和 _-|*@');
    if (!Number.isInteger(data.total_fee) || (data.total_fee as number) < 1)
      return payFailure('PARAM_ERROR', 'total_fee 必须是不小于 1 的整数（单位：分）');
    const openid =
      typeof data.sub_openid === 'string'
        ? data.sub_openid
        : typeof data.openid === 'string'
          ? data.openid
          : caller.openid;
    const fingerprint = JSON.stringify([data.body, data.total_fee, data.sub_mch_id, data.attach ?? null, openid]);
    const existing = this.orders.get(outTradeNo);
    if (existing) {
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') return payFailure('ORDERPAID');
      if (existing.state === 'CLOSED') return payFailure('ORDERCLOSED');
      if (existing.fingerprint !== fingerprint) return payFailure('INVALID_REQUEST');
      return this.prepayAnswer(existing);
    }
    const order: PayOrder = {
      outTradeNo,
      prepayId: `wx${randomBytes(14).toString('hex')}`,
      appid: caller.appid,
      openid,
      subMchId: String(data.sub_mch_id),
      body: String(data.body),
      ...(typeof data.attach === 'string' ? { attach: data.attach } : {}),
      totalFee: data.total_fee as number,
      functionName: String(data.function_name),
      state: 'NOTPAY',
      createdAt: this.now(),
      refunds: [],
      fingerprint,
    };
    this.orders.set(outTradeNo, order);
    return this.prepayAnswer(order);
  }

  queryOrder(data: Json): Json {
    const order = this.find(data);
    if (!order) return payFailure('ORDERNOTEXIST');
    return {
      ...success(order),
      ...orderFields(order),
      trade_state: order.state,
      trade_state_desc: TRADE_STATE_DESC[order.state],
    };
  }

  closeOrder(data: Json): Json {
    const order = this.find(data);
    if (!order) return payFailure('ORDERNOTEXIST');
    if (order.state === 'SUCCESS' || order.state === 'REFUND') return payFailure('ORDERPAID');
    order.state = 'CLOSED';
    return success(order);
  }

  refund(data: Json): Json {
    const invalid = missing(data, ['out_refund_no', 'sub_mch_id', 'nonce_str']);
    if (invalid) return payFailure('PARAM_ERROR', invalid);
    const order = this.find(data);
    if (!order) return payFailure('ORDERNOTEXIST');
    const outRefundNo = String(data.out_refund_no);
    const again = order.refunds.find((refund) => refund.outRefundNo === outRefundNo);
    if (again) return this.refundAnswer(order, again); // the same refund number refunds once
    if (order.state !== 'SUCCESS' && order.state !== 'REFUND') return payFailure('TRADE_STATE_ERROR');
    if (!Number.isInteger(data.refund_fee) || (data.refund_fee as number) < 1)
      return payFailure('PARAM_ERROR', 'refund_fee 必须是不小于 1 的整数（单位：分）');
    if (data.total_fee !== order.totalFee) return payFailure('REFUND_FEE_MISMATCH');
    const refunded = order.refunds.reduce((sum, refund) => sum + refund.refundFee, 0);
    if ((data.refund_fee as number) > order.totalFee - refunded) return payFailure('REFUND_AMOUNT_EXCEEDED');
    const refund = { outRefundNo, refundId: `50${digits(27)}`, refundFee: data.refund_fee as number, at: this.now() };
    order.refunds.push(refund);
    order.state = 'REFUND';
    return this.refundAnswer(order, refund);
  }

  queryRefund(data: Json): Json {
    const order =
      this.find(data) ??
      this.list().find((candidate) => candidate.refunds.some((refund) => refund.outRefundNo === data.out_refund_no));
    const refunds =
      order?.refunds.filter(
        (refund) => data.out_refund_no === undefined || refund.outRefundNo === data.out_refund_no,
      ) ?? [];
    if (!order || refunds.length === 0) return payFailure('REFUNDNOTEXIST');
    // The lists cloudPay.queryRefund answers (outRefundNoList …), one entry per refund, in order.
    return {
      ...success(order),
      ...orderFields(order),
      refund_count: refunds.length,
      out_refund_no_list: refunds.map((refund) => refund.outRefundNo),
      refund_id_list: refunds.map((refund) => refund.refundId),
      refund_fee_list: refunds.map((refund) => refund.refundFee),
      settlement_refund_fee_list: refunds.map((refund) => refund.refundFee),
      refund_status_list: refunds.map(() => 'SUCCESS'),
      refund_success_time_list: refunds.map((refund) => successTime(refund.at)),
      refund_channel: refunds.map(() => 'ORIGINAL'),
    };
  }

  /** The user paid `order`: it is SUCCESS, with the notification WeChat Pay sends its function. */
  markPaid(order: PayOrder): Json {
    order.state = 'SUCCESS';
    order.paidAt = this.now();
    order.transactionId = `4200${digits(24)}`;
    return {
      ...success(order),
      ...orderFields(order),
      is_subscribe: 'N',
      sub_is_subscribe: 'N',
      bank_type: 'OTHERS',
      fee_type: 'CNY',
    };
  }

  /** Whether `payment` is what unifiedOrder signed (a phone cannot pay a tampered one). */
  checkPaySign(payment: Json): boolean {
    return typeof payment.paySign === 'string' && payment.paySign === paySign(payment);
  }

  clear(): void {
    this.orders.clear();
  }

  private find(data: Json): PayOrder | undefined {
    if (typeof data.out_trade_no === 'string') return this.orders.get(data.out_trade_no);
    if (typeof data.transaction_id === 'string')
      return [...this.orders.values()].find((order) => order.transactionId === data.transaction_id);
    return undefined;
  }

  private prepayAnswer(order: PayOrder): Json {
    const payment: Json = {
      appId: order.appid,
      timeStamp: String(Math.floor(this.now() / 1000)),
      nonceStr: randomBytes(16).toString('hex'),
      package: `prepay_id=${order.prepayId}`,
      signType: 'MD5',
    };
    payment.paySign = paySign(payment);
    return { ...success(order), trade_type: 'JSAPI', prepay_id: order.prepayId, payment };
  }

  private refundAnswer(order: PayOrder, refund: PayRefund): Json {
    return {
      ...success(order),
      ...orderFields(order),
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_fee: refund.refundFee,
      cash_refund_fee: refund.refundFee,
    };
  }
}

const TRADE_STATE_DESC: Record<TradeState, string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  REFUND: '转入退款',
};

function success(order: PayOrder): Json {
  return {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: order.appid,
    mch_id: EMULATED_MCH_ID,
    sub_appid: order.appid,
    sub_mch_id: order.subMchId,
    nonce_str: randomBytes(8).toString('hex'),
    sign: randomBytes(16).toString('hex').toUpperCase(),
    result_code: 'SUCCESS',
  };
}

function orderFields(order: PayOrder): Json {
  return {
    openid: order.openid,
    sub_openid: order.openid,
    trade_type: 'JSAPI',
    out_trade_no: order.outTradeNo,
    total_fee: order.totalFee,
    cash_fee: order.state === 'NOTPAY' || order.state === 'CLOSED' ? 0 : order.totalFee,
    ...(order.attach !== undefined ? { attach: order.attach } : {}),
    ...(order.transactionId ? { transaction_id: order.transactionId } : {}),
    ...(order.paidAt ? { time_end: timeEnd(order.paidAt) } : {}),
  };
}

/** WeChat Pay's `yyyy-MM-dd HH:mm:ss` of a refund's success, in China time. */
function successTime(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** WeChat Pay's yyyyMMddHHmmss, in China time. */
function timeEnd(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
}

function paySign(payment: Json): string {
  const text = ['appId', 'nonceStr', 'package', 'signType', 'timeStamp']
    .map((key) => `${key}=${String(payment[key])}`)
    .join('&');
  return createHash('md5').update(`${text}&key=${LOCAL_PAY_KEY}`).digest('hex').toUpperCase();
}

function missing(data: Json, keys: string[]): string | undefined {
  const absent = keys.filter((key) => data[key] === undefined || data[key] === null || data[key] === '');
  return absent.length ? `缺少参数 ${absent.join(', ')}` : undefined;
}

/** `count` random decimal digits (WeChat Pay's ids are numeric). */
function digits(count: number): string {
  return [...randomBytes(count)].map((byte) => String(byte % 10)).join('');
}
