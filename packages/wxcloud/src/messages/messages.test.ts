/**
 * Messages on both wires: subscribe messages need the user's acceptance from the simulated phone's
 * wx.requestSubscribeMessage (one per send), through cloud.openapi in a function (real wx-server-sdk)
 * and over WeChat's HTTP API (node-easywechat); uniform and customer-service messages are recorded.
 */
import path from 'node:path';
import { MiniApp } from 'node-easywechat';
import { startLocalCloud, type LocalCloud } from '../local-cloud';
import type { LaunchedPhone } from '../phone/service';
import { DEFAULT_LOCAL_APP } from '../wechat/apps';
import { MESSAGES_SERVICE, type MessagesService } from './service';
import { callFunctionAs } from '../clients/call-function';

const ALICE = { OPENID: 'o-alice-msg', APPID: DEFAULT_LOCAL_APP.appid };
let cloud: LocalCloud;
let phone: LaunchedPhone;
const messages = () => cloud.service<MessagesService>(MESSAGES_SERVICE)!;

beforeAll(async () => {
  cloud = await startLocalCloud({ inMemory: true, projectRoot: path.join(__dirname, 'fixtures') });
});
afterAll(() => cloud.stop());
beforeEach(async () => {
  await cloud.reset();
  phone = await cloud.phones.launch(ALICE);
});

type Answer = { ok: boolean; value?: Record<string, unknown>; errCode?: number; errMsg?: string };
async function call(api: string, data: Record<string, unknown>): Promise<Answer> {
  const answer = await callFunctionAs(cloud.baseUrl, 'notifier', { api, data }, ALICE);
  if (!answer.ok) throw new Error(`the notifier function failed: ${answer.errMsg}`);
  return answer.result as Answer;
}
const shipped = {
  thing1: { value: '机械键盘' },
  character_string2: { value: 'SF1234567' },
  time3: { value: '2026-12-04 10:00' },
};
const send = (data: Record<string, unknown> = shipped, templateId = 'TPL_SHIPPED') =>
  call('subscribeMessage.send', { touser: ALICE.OPENID, templateId, page: 'pages/a/a?id=1', data });

it('sends one subscribe message per acceptance, and lists it', async () => {
  expect(await send()).toMatchObject({ ok: false, errCode: 43101 });
  await expect(phone.launch.wx.requestSubscribeMessage({ tmplIds: ['TPL_SHIPPED'] })).resolves.toEqual({
    errMsg: 'requestSubscribeMessage:ok',
    TPL_SHIPPED: 'accept',
  });
  expect(await send()).toMatchObject({ ok: true, value: { errCode: 0 } });
  expect(await send()).toMatchObject({
    ok: false,
    errCode: 43101,
    errMsg: expect.stringContaining('user refuse to accept the msg'),
  });
  expect(messages().sent()).toEqual([
    expect.objectContaining({
      kind: 'subscribe',
      touser: ALICE.OPENID,
      template: 'TPL_SHIPPED',
      page: 'pages/a/a?id=1',
      data: shipped,
      wire: 'cloud',
    }),
  ]);
  const panel = JSON.stringify(await messages().consolePanels![0]!.content({ page: 0 }));
  expect(panel).toContain('SF1234567');
});

it('keeps a rejection from letting a message through; answers 40037 and 47003 for a bad template or data', async () => {
  messages().answerNextSubscriptions('reject', 'accept');
  await expect(phone.launch.wx.requestSubscribeMessage({ tmplIds: ['TPL_SHIPPED', 'TPL_PAID'] })).resolves.toEqual({
    errMsg: 'requestSubscribeMessage:ok',
    TPL_SHIPPED: 'reject',
    TPL_PAID: 'accept',
  });
  expect(await send()).toMatchObject({ ok: false, errCode: 43101 });
  expect(await send(shipped, 'TPL_NOPE')).toMatchObject({ ok: false, errCode: 40037 });
  expect(await send({ amount1: { value: '12.5元' } }, 'TPL_PAID')).toMatchObject({
    ok: false,
    errCode: 47003,
    errMsg: expect.stringContaining('thing2'),
  });
  expect(await send({ amount1: { value: 'twelve' }, thing2: { value: '会员' } }, 'TPL_PAID')).toMatchObject({
    ok: false,
    errCode: 47003,
  });
  expect(
    await send(
      {
        amount1: { value: '12.5元' },
        thing2: { value: '这是一个超过二十个字的商品名称一二三四五六七' },
      },
      'TPL_PAID',
    ),
  ).toMatchObject({ ok: false, errCode: 47003 });
  expect(await send({ amount1: { value: '12.5元' }, thing2: { value: '会员' } }, 'TPL_PAID')).toMatchObject({
    ok: true,
  });
  expect(messages().sent()).toHaveLength(1);
});

it('lets the console choose whether the user accepts', async () => {
  const choose = (value: string) =>
    fetch(`${cloud.baseUrl}/console/api/panels/messages/choices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ choice: 'subscribe-answer', value }),
    });
  expect((await choose('reject')).status).toBe(200);
  await expect(phone.launch.wx.requestSubscribeMessage({ tmplIds: ['TPL_SHIPPED'] })).resolves.toMatchObject({
    TPL_SHIPPED: 'reject',
  });
  await expect(phone.launch.wx.requestSubscribeMessage({ tmplIds: ['TPL_SHIPPED'] })).resolves.toMatchObject({
    TPL_SHIPPED: 'reject',
  });
  expect(await send()).toMatchObject({ ok: false, errCode: 43101 });
  expect((await choose('maybe')).status).toBe(400);
  await choose('accept');
  await expect(phone.launch.wx.requestSubscribeMessage({ tmplIds: ['TPL_SHIPPED'] })).resolves.toMatchObject({
    TPL_SHIPPED: 'accept',
  });
  expect(await send()).toMatchObject({ ok: true });
});

it('fails wx.requestSubscribeMessage as the base library does', async () => {
  await expect(phone.launch.wx.requestSubscribeMessage({ tmplIds: [] })).rejects.toMatchObject({ errCode: 10001 });
  await expect(phone.launch.wx.requestSubscribeMessage({ tmplIds: ['TPL_NOPE'] })).rejects.toMatchObject({
    errCode: 20001,
  });
  await expect(
    phone.launch.wx.requestSubscribeMessage({ tmplIds: ['TPL_SHIPPED', 'TPL_PAID', 'a', 'b'] }),
  ).rejects.toMatchObject({ errCode: 20003 });
  await expect(phone.launch.wx.requestSubscribeMessage({ tmplIds: 'TPL_SHIPPED' })).rejects.toMatchObject({
    errCode: 10004,
  });
});

it('serves the same capabilities over HTTP to a server SDK (node-easywechat)', async () => {
  const app = new MiniApp({
    app_id: DEFAULT_LOCAL_APP.appid,
    secret: DEFAULT_LOCAL_APP.secret,
    token: '',
    aes_key: '',
    http: { baseURL: `${cloud.baseUrl}/wechat-api/`, throw: false },
  });
  const values = new Map<string, unknown>();
  app.setCache({
    get: async (key: string) => values.get(key),
    has: async (key: string) => values.has(key),
    set: async (key: string, data?: unknown) => (values.set(key, data), true),
    delete: async (key: string) => values.delete(key),
  });
  const client = app.getClient();
  const body = { touser: ALICE.OPENID, template_id: 'TPL_SHIPPED', data: shipped };
  expect((await client.postJson('cgi-bin/message/subscribe/send', body)).toObject()).toMatchObject({ errcode: 43101 });
  await phone.launch.wx.requestSubscribeMessage({ tmplIds: ['TPL_SHIPPED'] });
  expect((await client.postJson('cgi-bin/message/subscribe/send', body)).toObject()).toMatchObject({ errcode: 0 });
  const custom = { touser: ALICE.OPENID, msgtype: 'text', text: { content: '您好' } };
  expect((await client.postJson('cgi-bin/message/custom/send', custom)).toObject()).toMatchObject({ errcode: 0 });
  expect(
    (await client.postJson('cgi-bin/message/custom/send', { ...custom, msgtype: 'video' })).toObject(),
  ).toMatchObject({ errcode: 40008 });
  expect(
    messages()
      .sent()
      .map((message) => `${message.kind}:${message.wire}`),
  ).toEqual(['subscribe:http', 'customer-service:http']);
});

it('records uniform and customer-service messages sent from a function', async () => {
  const uniform = {
    touser: ALICE.OPENID,
    mpTemplateMsg: {
      appid: 'wx-mp',
      templateId: 'MP1',
      url: 'https://example.com',
      miniprogram: { appid: ALICE.APPID },
      data: {},
    },
  };
  expect(await call('uniformMessage.send', uniform)).toMatchObject({ ok: true });
  expect(
    await call('customerServiceMessage.send', { touser: ALICE.OPENID, msgtype: 'text', text: { content: 'hi' } }),
  ).toMatchObject({ ok: true });
  expect(
    await call('customerServiceMessage.send', { touser: 'bad openid!', msgtype: 'text', text: { content: 'hi' } }),
  ).toMatchObject({ ok: false, errCode: 40003 });
  expect(
    messages()
      .sent()
      .map((message) => message.kind),
  ).toEqual(['uniform', 'customer-service']);
});
