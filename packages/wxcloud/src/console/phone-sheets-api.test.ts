/**
 * WeChat's avatar and phone-number sheets through the Phones tab's API against the whole local
 * cloud: the phone waits for the person's picture or number (or a cancel, a denial), bad pictures
 * and numbers are refused with a clear message and change nothing, and a phone launched knowing its
 * number shares it at once, as before.
 */
import { useConsoleApi } from '../../test-support/console-api';
import { avatarPng } from '../phone/avatar-png';
import { STORAGE_SERVICE, type StorageService } from '../storage/service';
import { DEFAULT_LOCAL_APP } from '../wechat/apps';
import type { PhoneView, PhonesResponse, QueryResponse } from './api-types';

const { emu, call } = useConsoleApi();

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('timed out');
}

/** Launches a phone as `openid` and opens its profile page; returns its id and a reader of its view. */
async function profilePhone(openid: string, launch: Record<string, string> = {}) {
  const { id } = (await call<PhoneView>('phones', { openid, appid: DEFAULT_LOCAL_APP.appid, ...launch })).json;
  const view = async () => (await call<PhonesResponse>('phones')).json.phones.find((phone) => phone.id === id)!;
  await until(view, (phone) => phone.page?.taps.some((tap) => tap.handler === 'onOpenProfile') ?? false);
  await call(`phones/${id}/tap`, { handler: 'onOpenProfile' });
  await until(view, (phone) => phone.page?.data.includes('"status": "ready"') ?? false);
  return { id, view };
}

type UserDoc = { avatarFileId?: string; phone?: { phoneNumber?: string } };
const userDoc = async (openid: string): Promise<UserDoc | undefined> => {
  const { documents } = (await call<QueryResponse>('database/query', { collection: 'users' })).json;
  return documents.find((doc) => doc.id === openid)?.ejson as UserDoc | undefined;
};

test('the avatar sheet waits for a picture the person picks; a bad one is refused and changes nothing', async () => {
  const openid = 'oAvatar-sheet-0001';
  const { id, view } = await profilePhone(openid);
  expect((await call(`phones/${id}/avatar`, { image: 'default' })).status).toBe(404); // no sheet yet
  await call(`phones/${id}/act`, { id: 'choose-avatar' });
  await call(`phones/${id}/act`, { id: 'agree-privacy' }); // the page's own privacy dialog comes first
  expect((await until(view, (phone) => phone.avatarSheet)).avatarSheet).toBe(true);

  const refusals = [
    { contentBase64: Buffer.from('hello').toString('base64'), contentType: 'text/plain' },
    { contentBase64: Buffer.from('<svg/>').toString('base64'), contentType: 'image/png' },
    { contentBase64: Buffer.alloc(2 * 1024 * 1024 + 1).toString('base64'), contentType: 'image/png' },
  ];
  const messages: string[] = [];
  for (const image of refusals) {
    const refused = await call(`phones/${id}/avatar`, { image });
    expect(refused.status).toBe(400);
    messages.push(refused.json.error!.message);
  }
  expect(messages).toEqual([
    expect.stringContaining('头像只能是 PNG、JPEG、GIF 或 WebP 图片 / the avatar must be'),
    expect.stringContaining("文件内容不是 image/png 图片 / the file's content is not"),
    expect.stringContaining('图片不能超过 2 MB'),
  ]);
  expect((await view()).avatarSheet).toBe(true); // still waiting
  expect((await userDoc(openid))?.avatarFileId).toBeUndefined();

  const picked = avatarPng(40, [200, 30, 30]);
  await call(`phones/${id}/avatar`, { image: { contentBase64: picked.toString('base64'), contentType: 'image/png' } });
  const saved = await until(
    () => userDoc(openid),
    (doc) => typeof doc?.avatarFileId === 'string',
  );
  const { storage } = emu.emulator.service(STORAGE_SERVICE) as StorageService;
  expect(Buffer.from(storage.read({ kind: 'admin' }, String(saved!.avatarFileId)).bytes!)).toEqual(picked);

  await call(`phones/${id}/act`, { id: 'choose-avatar' }); // consent is kept: the sheet opens at once
  await until(view, (phone) => phone.avatarSheet);
  expect((await call(`phones/${id}/avatar`, { image: null })).status).toBe(200); // cancelled: nothing changes
  expect((await view()).avatarSheet).toBe(false);
  expect((await userDoc(openid))?.avatarFileId).toBe(saved!.avatarFileId);
}, 20_000);

test('the phone-number button asks for a number (offered first, or typed) or a denial', async () => {
  const openid = 'oPhone-sheet-0001';
  const { id, view } = await profilePhone(openid);
  await call(`phones/${id}/act`, { id: 'bind-phone' });
  await call(`phones/${id}/act`, { id: 'agree-privacy' });
  expect((await until(view, (phone) => phone.phoneNumberSheet !== null)).phoneNumberSheet).toEqual({
    suggested: '13800138000',
  });
  const refused = await call(`phones/${id}/phone-number`, { phoneNumber: '12-34' });
  expect(refused.status).toBe(400);
  expect(refused.json.error!.message).toContain('手机号应为 5 到 15 位数字 / a phone number is 5 to 15 digits');
  await call(`phones/${id}/phone-number`, { phoneNumber: '13900139000' });
  await until(
    () => userDoc(openid),
    (doc) => doc?.phone?.phoneNumber === '13900139000',
  );

  await call(`phones/${id}/act`, { id: 'bind-phone' });
  await until(view, (phone) => phone.phoneNumberSheet !== null);
  await call(`phones/${id}/phone-number`, { phoneNumber: null });
  expect((await until(view, (phone) => phone.page!.data.includes('PHONE_DENIED'))).phoneNumberSheet).toBeNull();
  expect((await userDoc(openid))?.phone?.phoneNumber).toBe('13900139000');
}, 20_000);

test('a launch refuses a number the phone-number button could not share', async () => {
  for (const phoneNumber of ['+8613800138000', '1'.repeat(16), '1234'])
    expect(await call('phones', { openid: 'oPhone-bad-0001', appid: 'wx-demo', phoneNumber })).toMatchObject({
      status: 400,
      json: { error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining('手机号应为 5 到 15 位数字') } },
    });
});

test('a phone launched knowing its number shares it at once, with no sheet', async () => {
  const openid = 'oPhone-known-0001';
  const { id, view } = await profilePhone(openid, { phoneNumber: '13700137000' });
  await call(`phones/${id}/act`, { id: 'bind-phone' });
  await call(`phones/${id}/act`, { id: 'agree-privacy' });
  await until(
    () => userDoc(openid),
    (doc) => doc?.phone?.phoneNumber === '13700137000',
  );
  expect((await view()).phoneNumberSheet).toBeNull();
}, 20_000);
