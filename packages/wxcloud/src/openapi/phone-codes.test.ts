/** Phone codes and CloudIDs on a fake clock: 5 minutes, single use, their own user and app only. */
import { CloudIds, CLOUD_ID_TTL_MS } from './cloud-ids';
import { PhoneCodes, PHONE_CODE_TTL_MS } from './phone-codes';
import { DEFAULT_SEC_CHECK_WORDS, msgSecCheck } from './sec-check';

const ALICE = { openid: 'o-alice', appid: 'wx-app' };

describe('PhoneCodes', () => {
  it('expires a code after 5 minutes, and spends a code once', () => {
    let now = 1_000_000;
    const codes = new PhoneCodes(() => now);
    const late = codes.mint(ALICE, '13800138000');
    const early = codes.mint(ALICE, '13800138000');
    now += PHONE_CODE_TTL_MS;
    expect(codes.redeem(early, ALICE)).toMatchObject({
      ok: true,
      phoneInfo: { purePhoneNumber: '13800138000', watermark: { timestamp: 1000, appid: 'wx-app' } },
    });
    expect(codes.redeem(early, ALICE)).toEqual({ ok: false, reason: 'used' });
    now += 1;
    expect(codes.redeem(late, ALICE)).toEqual({ ok: false, reason: 'expired' });
    expect(codes.redeem('never-minted', ALICE)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('refuses another app or user without spending the code, and writes a foreign number with its country code', () => {
    const codes = new PhoneCodes();
    const code = codes.mint(ALICE, '61234567', '852');
    expect(codes.redeem(code, { ...ALICE, appid: 'wx-other' })).toEqual({ ok: false, reason: 'foreign' });
    expect(codes.redeem(code, { ...ALICE, openid: 'o-bob' })).toEqual({ ok: false, reason: 'foreign' });
    expect(codes.redeem(code, ALICE)).toMatchObject({
      ok: true,
      phoneInfo: { phoneNumber: '+85261234567', countryCode: '852' },
    });
  });
});

it('CloudIds: readable by their user for 5 minutes', () => {
  let now = 0;
  const ids = new CloudIds(() => now);
  const id = ids.make(ALICE, { phoneNumber: '1' });
  expect(ids.read(id, ALICE)).toMatchObject({ ok: true, data: { phoneNumber: '1', watermark: { appid: 'wx-app' } } });
  expect(ids.read(id, { ...ALICE, openid: 'o-bob' })).toEqual({ ok: false, errorCode: -601007 });
  expect(ids.read('nope', ALICE)).toEqual({ ok: false, errorCode: -601005 });
  now = CLOUD_ID_TTL_MS + 1;
  expect(ids.read(id, ALICE)).toEqual({ ok: false, errorCode: -601006 });
});

it('msgSecCheck version 1 answers 87014 for a risky text and 0 otherwise', () => {
  expect(msgSecCheck({ content: '赌博' }, DEFAULT_SEC_CHECK_WORDS)).toMatchObject({ errcode: 87014 });
  expect(msgSecCheck({ content: '你好' }, DEFAULT_SEC_CHECK_WORDS)).toEqual({ errcode: 0, errmsg: 'ok' });
  expect(
    msgSecCheck({ content: '好'.repeat(2501), version: 2, scene: 1, openid: 'o1' }, DEFAULT_SEC_CHECK_WORDS),
  ).toMatchObject({ errcode: 47001 });
});
