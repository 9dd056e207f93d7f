/**
 * WeChat Pay's errors (API v2, which cloud.cloudPay.* wraps), one table: a refused request answers
 * `return_code: SUCCESS, result_code: FAIL` with `err_code` and `err_code_des` in WeChat Pay's own
 * words; wx-server-sdk hands them to the function camel-cased (`resultCode`, `errCodeDes`).
 */

export const PAY_ERRORS = {
  PARAM_ERROR: '参数错误',
  /** unifiedOrder: the outTradeNo was used for an order with other parameters. */
  INVALID_REQUEST: '201 商户订单号重复',
  ORDERPAID: '该订单已支付',
  ORDERCLOSED: '订单已关闭',
  ORDERNOTEXIST: '订单不存在',
  /** refund: the order is not paid (or already fully refunded). */
  TRADE_STATE_ERROR: '订单状态错误',
  /** refund: more than what is left to refund. */
  REFUND_AMOUNT_EXCEEDED: '申请退款金额超过订单可退金额',
  /** refund: totalFee is not the order's amount. */
  REFUND_FEE_MISMATCH: '订单金额或退款金额与之前请求不一致，请核实后再试',
  REFUNDNOTEXIST: '退款订单查询失败',
} as const;

export type PayErrorName = keyof typeof PAY_ERRORS;

/** The wire code of each name (WeChat Pay reuses INVALID_REQUEST for several refusals). */
const WIRE_CODE: Partial<Record<PayErrorName, string>> = { REFUND_AMOUNT_EXCEEDED: 'INVALID_REQUEST' };

export function payFailure(name: PayErrorName, detail?: string): Record<string, unknown> {
  return {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    result_code: 'FAIL',
    err_code: WIRE_CODE[name] ?? name,
    err_code_des: detail ? `${PAY_ERRORS[name]}: ${detail}` : PAY_ERRORS[name],
  };
}

/** A request WeChat Pay could not read at all (no outTradeNo, …): `return_code: FAIL`. */
export function payReturnFail(message: string): Record<string, unknown> {
  return { return_code: 'FAIL', return_msg: message };
}
