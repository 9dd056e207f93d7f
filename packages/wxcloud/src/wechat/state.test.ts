import { createDecipheriv, createHmac } from 'node:crypto';
import { parseAppSpec } from './apps';
import {
  ACCESS_TOKEN_OVERLAP_MS,
  EXPIRED_CODE_KEPT_MS,
  LOGIN_CODE_TTL_MS,
  MAX_REMEMBERED_CODES,
  MAX_REMEMBERED_TOKENS,
} from './limits';
import { WechatState } from './state';
import { errcodeOf } from '../../test-support/wechat-errors';

const APP = { appid: 'wx-test', secret: 'secret-1' };
const ALICE = { openid: 'o-alice', appid: APP.appid, unionid: 'u-alice' };

function stateAt(start = 1_000_000) {
  const clock = { now: start };
  const state = new WechatState({ apps: [APP], now: () => clock.now, exchangesPerMinute: 3 });
  return { state, clock };
}

describe('WechatState', () => {
  it('exchanges a code once for the user and the session_key of that login', () => {
    const { state } = stateAt();
    const code = state.issueCode(ALICE);
    const session = state.exchangeCode(APP.appid, APP.secret, code);
    expect(session).toEqual({
      openid: 'o-alice',
      unionid: 'u-alice',
      session_key: state.sessionKey(APP.appid, 'o-alice'),
    });
    expect(Buffer.from(session.session_key, 'base64')).toHaveLength(16);
    expect(errcodeOf(() => state.exchangeCode(APP.appid, APP.secret, code))).toBe(40163);
  });

  it('rotates the session_key on every wx.login', () => {
    const { state } = stateAt();
    const first = state.exchangeCode(APP.appid, APP.secret, state.issueCode(ALICE)).session_key;
    const second = state.exchangeCode(APP.appid, APP.secret, state.issueCode(ALICE)).session_key;
    expect(second).not.toBe(first);
    expect(state.sessionKey(APP.appid, ALICE.openid)).toBe(second);
  });

  it('answers WeChat’s errors: expired, unknown and foreign codes, wrong app, wrong secret, rate limit, busy', () => {
    const { state, clock } = stateAt();
    const code = state.issueCode(ALICE);
    clock.now += LOGIN_CODE_TTL_MS;
    expect(errcodeOf(() => state.exchangeCode(APP.appid, APP.secret, code))).toBe(40029);
    expect(errcodeOf(() => state.exchangeCode(APP.appid, APP.secret, 'no-such-code'))).toBe(40029);
    expect(errcodeOf(() => state.exchangeCode('wx-other', APP.secret, state.issueCode(ALICE)))).toBe(40013);
    expect(errcodeOf(() => state.exchangeCode(APP.appid, 'wrong', state.issueCode(ALICE)))).toBe(40125);
    for (let i = 0; i < 3; i++) state.exchangeCode(APP.appid, APP.secret, state.issueCode(ALICE));
    expect(errcodeOf(() => state.exchangeCode(APP.appid, APP.secret, state.issueCode(ALICE)))).toBe(45011);
    state.answerBusy(1);
    expect(
      errcodeOf(() => state.exchangeCode(APP.appid, APP.secret, state.issueCode({ ...ALICE, openid: 'o-bob' }))),
    ).toBe(-1);
  });

  it('encrypts open data with the current session_key and a watermark', () => {
    const { state, clock } = stateAt();
    state.issueCode(ALICE);
    const { encryptedData, iv } = state.encryptOpenData(ALICE, { stepInfoList: [{ step: 42 }] });
    const key = Buffer.from(state.sessionKey(APP.appid, ALICE.openid) ?? '', 'base64');
    const decipher = createDecipheriv('aes-128-cbc', key, Buffer.from(iv, 'base64'));
    const plain = JSON.parse(
      Buffer.concat([decipher.update(Buffer.from(encryptedData, 'base64')), decipher.final()]).toString('utf8'),
    );
    expect(plain).toEqual({
      stepInfoList: [{ step: 42 }],
      watermark: { appid: APP.appid, timestamp: Math.floor(clock.now / 1000) },
    });
  });

  it('checks a session signature against the current key only, with a valid access token', () => {
    const { state } = stateAt();
    const old = state.exchangeCode(APP.appid, APP.secret, state.issueCode(ALICE)).session_key;
    state.issueCode(ALICE);
    const current = state.sessionKey(APP.appid, ALICE.openid) ?? '';
    const token = state.accessToken(APP.appid, APP.secret).access_token;
    const sign = (key: string) => createHmac('sha256', key).update('').digest('hex');
    expect(() => state.checkSession(token, ALICE.openid, sign(current))).not.toThrow();
    expect(errcodeOf(() => state.checkSession(token, ALICE.openid, sign(old)))).toBe(87009);
    expect(errcodeOf(() => state.checkSession('bad-token', ALICE.openid, sign(current)))).toBe(40001);
  });

  it('keeps a stable token until forced, and forgets everything but the apps on reset', () => {
    const { state } = stateAt();
    const stable = state.stableToken(APP.appid, APP.secret, false);
    expect(state.stableToken(APP.appid, APP.secret, false).access_token).toBe(stable.access_token);
    expect(state.stableToken(APP.appid, APP.secret, true).access_token).not.toBe(stable.access_token);
    expect(stable.expires_in).toBe(7200);
    const code = state.issueCode(ALICE);
    state.reset();
    expect(state.sessionKey(APP.appid, ALICE.openid)).toBeUndefined();
    expect(errcodeOf(() => state.exchangeCode(APP.appid, APP.secret, code))).toBe(40029);
    expect(state.knownApps()).toEqual([APP]);
  });

  it('parses --app specs and refuses malformed ones', () => {
    expect(parseAppSpec('wx123:s:e:c')).toEqual({ appid: 'wx123', secret: 's:e:c', kind: 'miniprogram' });
    expect(parseAppSpec('WEB:S2:mp')).toEqual({ appid: 'WEB', secret: 'S2', kind: 'mp' });
    expect(parseAppSpec('SITE:a:b:website')).toEqual({ appid: 'SITE', secret: 'a:b', kind: 'website' });
    expect(() => parseAppSpec('wx123::mp')).toThrow(/APPID:SECRET/);
    expect(() => parseAppSpec('wx123')).toThrow(/APPID:SECRET/);
    expect(() => parseAppSpec(':secret')).toThrow(/APPID:SECRET/);
  });
});

describe('WechatState forgets as WeChat does', () => {
  it('forgets a code a while after it expired, and never remembers more than the cap', () => {
    const { state, clock } = stateAt();
    const first = state.issueCode(ALICE);
    clock.now += LOGIN_CODE_TTL_MS + EXPIRED_CODE_KEPT_MS + 1;
    state.issueCode(ALICE);
    expect(state.issuedCodes().codes.map((view) => view.code)).not.toContain(first);
    expect(errcodeOf(() => state.exchangeCode(APP.appid, APP.secret, first))).toBe(40029);
    for (let i = 0; i < MAX_REMEMBERED_CODES + 500; i++) state.issueCode({ ...ALICE, openid: `o-${i}` });
    expect(state.remembered().codes).toBe(MAX_REMEMBERED_CODES);
    // The newest code still works after the oldest were forgotten.
    const newest = state.issueCode(ALICE);
    expect(state.exchangeCode(APP.appid, APP.secret, newest).openid).toBe(ALICE.openid);
  });

  it('pages the codes newest first', () => {
    const { state } = stateAt();
    const codes = Array.from({ length: 7 }, (_, i) => state.issueCode({ ...ALICE, openid: `o-page-${i}` }));
    expect(state.issuedCodes({ offset: 0, limit: 3 })).toEqual({
      total: 7,
      codes: codes
        .slice(4)
        .reverse()
        .map((code) => expect.objectContaining({ code })),
    });
    expect(state.issuedCodes({ offset: 6, limit: 3 }).codes.map((view) => view.code)).toEqual([codes[0]]);
    expect(state.issuedCodes({ offset: 9, limit: 3 }).codes).toEqual([]);
  });

  it('a new access token ends the previous ones of its kind after 5 minutes, and expired ones are dropped', () => {
    const { state, clock } = stateAt();
    const openid = 'o-token';
    const signature = () =>
      createHmac('sha256', state.sessionKey(APP.appid, openid) ?? '')
        .update('')
        .digest('hex');
    state.issueCode({ ...ALICE, openid });
    const old = state.accessToken(APP.appid, APP.secret).access_token;
    const stable = state.stableToken(APP.appid, APP.secret, false).access_token;
    const current = state.accessToken(APP.appid, APP.secret).access_token;
    clock.now += ACCESS_TOKEN_OVERLAP_MS - 1;
    expect(() => state.checkSession(old, openid, signature())).not.toThrow();
    clock.now += 2;
    expect(errcodeOf(() => state.checkSession(old, openid, signature()))).toBe(42001);
    expect(() => state.checkSession(current, openid, signature())).not.toThrow();
    expect(() => state.checkSession(stable, openid, signature())).not.toThrow();
    state.accessToken(APP.appid, APP.secret);
    expect(state.remembered().tokens).toBe(3);
    for (let i = 0; i < MAX_REMEMBERED_TOKENS + 100; i++) state.accessToken(APP.appid, APP.secret);
    expect(state.remembered().tokens).toBeLessThanOrEqual(MAX_REMEMBERED_TOKENS);
  });

  it('drops the per-user exchange counters a minute after their last use', () => {
    const { state, clock } = stateAt();
    for (let i = 0; i < 50; i++)
      state.exchangeCode(APP.appid, APP.secret, state.issueCode({ ...ALICE, openid: `o-count-${i}` }));
    expect(state.remembered().exchangeCounters).toBe(50);
    clock.now += 61_000;
    state.exchangeCode(APP.appid, APP.secret, state.issueCode(ALICE));
    expect(state.remembered().exchangeCounters).toBe(1);
  });
});
