/**
 * cloud.cloudPay.* through the real wx-server-sdk in a function, and wx.requestPayment on a simulated
 * phone: an order is made, paid (its function told), queried, refunded; cancelled and failed
 * payments; WeChat Pay's errors for a repeated outTradeNo, a bad amount, a refund over the paid amount.
 */
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../local-cloud';
import type { LaunchedPhone } from '../phone/service';
import { PAY_SERVICE, type PayService } from './service';
import { callFunctionAs } from '../clients/call-function';

const ALICE = { OPENID: 'o-alice-pay', APPID: 'wx-pay-app' };
let cloud: LocalCloud;
let phone: LaunchedPhone;
const pay = () => cloud.service<PayService>(PAY_SERVICE)!;
const lastOrder = () => pay().orders()[0]!;

beforeAll(async () => {
  cloud = await startLocalCloud({ inMemory: true, projectRoot: path.join(__dirname, 'fixtures') });
});
afterAll(() => cloud.stop());
beforeEach(async () => {
  await cloud.reset();
  phone = await cloud.phones.launch(ALICE);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value?: Record<string, any>; errCode?: number; errMsg?: string };
async function shop(op: string, data: Record<string, unknown>): Promise<Answer> {
  const answer = await callFunctionAs(cloud.baseUrl, 'shop', { op, data }, ALICE);
  if (!answer.ok) throw new Error(`the shop function failed: ${answer.errMsg}`);
  return answer.result as Answer;
}
const order = (outTradeNo: string, extra: Record<string, unknown> = {}) =>
  shop('unifiedOrder', {
    body: '会员卡',
    outTradeNo,
    spbillCreateIp: '127.0.0.1',
    subMchId: '1900000109',
    totalFee: 100,
    envId: 'local-env',
    functionName: 'paid',
    nonceStr: 'n1',
    tradeType: 'JSAPI',
    ...extra,
  });

it('answers unifiedOrder with the payment for wx.requestPayment; paying it calls the order’s function', async () => {
  const made = await order('T1');
  expect(made).toMatchObject({
    ok: true,
    value: { returnCode: 'SUCCESS', resultCode: 'SUCCESS', subMchId: '1900000109', errMsg: 'cloudPay.unifiedOrder:ok' },
  });
  const payment = made.value!.payment;
  expect(payment).toEqual({
    appId: ALICE.APPID,
    timeStamp: expect.stringMatching(/^\d{10}$/),
    nonceStr: expect.any(String),
    package: `prepay_id=${made.value!.prepayId}`,
    signType: 'MD5',
    paySign: expect.stringMatching(/^[0-9A-F]{32}$/),
  });
  expect((await shop('queryOrder', { outTradeNo: 'T1', subMchId: '1900000109', nonceStr: 'n' })).value).toMatchObject({
    tradeState: 'NOTPAY',
  });

  await expect(phone.launch.wx.requestPayment(payment)).resolves.toEqual({ errMsg: 'requestPayment:ok' });
  const paid = lastOrder();
  expect(paid.notification).toMatchObject({ delivered: true, answer: { errcode: 0, outTradeNo: 'T1' } });
  expect(paid.notification?.event).toMatchObject({
    returnCode: 'SUCCESS',
    resultCode: 'SUCCESS',
    outTradeNo: 'T1',
    totalFee: 100,
    cashFee: 100,
    subOpenid: ALICE.OPENID,
    transactionId: expect.stringMatching(/^4200\d{24}$/),
    timeEnd: expect.stringMatching(/^\d{14}$/),
  });
  const queried = await shop('queryOrder', { outTradeNo: 'T1', subMchId: '1900000109', nonceStr: 'n' });
  expect(queried.value).toMatchObject({ tradeState: 'SUCCESS', transactionId: paid.transactionId });
  await expect(phone.launch.wx.requestPayment(payment)).rejects.toMatchObject({
    errMsg: expect.stringMatching(/^requestPayment:fail/),
  });
});

it('keeps a notification the function did not acknowledge as undelivered', async () => {
  const made = await order('T2', { attach: 'refuse-notification' });
  await phone.launch.wx.requestPayment(made.value!.payment);
  expect(lastOrder().notification).toMatchObject({
    delivered: false,
    answer: { errcode: 1 },
    event: { attach: 'refuse-notification' },
  });
});

it('lets the test cancel or fail a payment; the order stays unpaid and can be closed', async () => {
  const { payment } = (await order('T3')).value!;
  pay().answerNextPayments('cancel', 'fail');
  await expect(phone.launch.wx.requestPayment(payment)).rejects.toEqual({ errMsg: 'requestPayment:fail cancel' });
  await expect(phone.launch.wx.requestPayment(payment)).rejects.toMatchObject({
    errMsg: expect.stringMatching(/^requestPayment:fail /),
  });
  expect(lastOrder()).toMatchObject({ state: 'NOTPAY' });
  expect(lastOrder().notification).toBeUndefined();
  expect((await shop('closeOrder', { outTradeNo: 'T3', subMchId: '1900000109', nonceStr: 'n' })).value).toMatchObject({
    resultCode: 'SUCCESS',
  });
  expect((await shop('queryOrder', { outTradeNo: 'T3', subMchId: '1900000109', nonceStr: 'n' })).value).toMatchObject({
    tradeState: 'CLOSED',
  });
  expect((await order('T3')).value).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单已关闭' });
});

it('lets the console choose how payments end, checking the choice', async () => {
  const choose = (value: string) =>
    fetch(`${cloud.baseUrl}/console/api/panels/pay/choices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ choice: 'payment-outcome', value }),
    });
  const chosen = await choose('cancel');
  expect(chosen.status).toBe(200);
  expect(await chosen.json()).toMatchObject({ blocks: [{ kind: 'choice', value: 'cancel' }, expect.anything()] });
  expect((await choose('steal')).status).toBe(400);
  const { payment } = (await order('T7')).value!;
  await expect(phone.launch.wx.requestPayment(payment)).rejects.toEqual({ errMsg: 'requestPayment:fail cancel' });
  await expect(phone.launch.wx.requestPayment(payment)).rejects.toEqual({ errMsg: 'requestPayment:fail cancel' });
  await choose('pay');
  await expect(phone.launch.wx.requestPayment(payment)).resolves.toEqual({ errMsg: 'requestPayment:ok' });
});

it("answers WeChat Pay's errors: repeated outTradeNo, bad amount, tampered payment", async () => {
  const first = (await order('T4')).value!;
  // the same order again
  expect((await order('T4')).value).toMatchObject({ resultCode: 'SUCCESS', prepayId: first.prepayId });
  expect((await order('T4', { totalFee: 200 })).value).toMatchObject({
    resultCode: 'FAIL',
    errCodeDes: '201 商户订单号重复',
  });
  expect((await order('T5', { totalFee: 0 })).value).toMatchObject({
    resultCode: 'FAIL',
    errCodeDes: expect.stringContaining('total_fee'),
  });
  expect((await order('T5', { totalFee: 1.5 })).value).toMatchObject({ resultCode: 'FAIL' });
  await expect(phone.launch.wx.requestPayment({ ...first.payment, paySign: 'F'.repeat(32) })).rejects.toMatchObject({
    errMsg: expect.stringContaining('签名'),
  });
  await phone.launch.wx.requestPayment(first.payment);
  expect((await order('T4')).value).toMatchObject({ resultCode: 'FAIL', errCodeDes: '该订单已支付' });
  expect((await shop('queryOrder', { outTradeNo: 'nope', subMchId: '1900000109', nonceStr: 'n' })).value).toMatchObject(
    { resultCode: 'FAIL', errCodeDes: '订单不存在' },
  );
});

it('refunds a paid order up to its amount, then moves it to REFUND', async () => {
  const refund = (outRefundNo: string, refundFee: number, totalFee = 100) =>
    shop('refund', { outTradeNo: 'T6', outRefundNo, totalFee, refundFee, subMchId: '1900000109', nonceStr: 'n' });
  const { payment } = (await order('T6')).value!;
  expect((await refund('R0', 10)).value).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单状态错误' });
  await phone.launch.wx.requestPayment(payment);
  expect((await refund('R1', 60)).value).toMatchObject({
    resultCode: 'SUCCESS',
    refundFee: 60,
    refundId: expect.stringMatching(/^50\d+$/),
  });
  expect((await refund('R2', 50)).value).toMatchObject({
    resultCode: 'FAIL',
    errCodeDes: '申请退款金额超过订单可退金额',
  });
  expect((await refund('R2', 40, 90)).value).toMatchObject({
    resultCode: 'FAIL',
    errCodeDes: expect.stringContaining('不一致'),
  });
  expect((await refund('R2', 40)).value).toMatchObject({ resultCode: 'SUCCESS' });
  // the same refund number refunds once
  expect((await refund('R2', 40)).value).toMatchObject({ resultCode: 'SUCCESS', refundFee: 40 });
  expect((await shop('queryRefund', { outTradeNo: 'T6', subMchId: '1900000109', nonceStr: 'n' })).value).toMatchObject({
    refundCount: 2,
    outRefundNoList: ['R1', 'R2'],
    refundFeeList: [60, 40],
    refundStatusList: ['SUCCESS', 'SUCCESS'],
  });
  expect((await shop('queryOrder', { outTradeNo: 'T6', subMchId: '1900000109', nonceStr: 'n' })).value).toMatchObject({
    tradeState: 'REFUND',
  });
  const panel = await pay().consolePanels![0]!.content({ page: 0 });
  expect(JSON.stringify(panel)).toContain('T6');
});
