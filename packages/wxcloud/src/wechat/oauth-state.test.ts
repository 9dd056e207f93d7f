import { OAUTH_CODE_TTL_MS } from './limits';
import { OAuthState, personFor, personIdentity } from './oauth-state';
import { errcodeOf } from '../../test-support/wechat-errors';

const MP = { appid: 'WEB', secret: 'S2', kind: 'mp' as const };
const SITE = { appid: 'SITE', secret: 'S3', kind: 'website' as const };
const MINI = { appid: 'MP', secret: 'S1' };

function stateAt() {
  const clock = { now: 1_000_000 };
  return { oauth: new OAuthState({ apps: [MP, SITE, MINI], now: () => clock.now }), clock };
}

it('gives one person one UnionID and an OpenID per app', () => {
  const web = personIdentity('WEB', 'alice');
  const site = personIdentity('SITE', 'alice');
  expect(web.unionid).toBe(site.unionid);
  expect(web.openid).not.toBe(site.openid);
  expect(personIdentity('WEB', 'bob').unionid).not.toBe(web.unionid);
  expect(web.openid).toHaveLength(28);
});

it('exchanges a code once, within 5 minutes, for this app with its secret', () => {
  const { oauth, clock } = stateAt();
  const grant = { appid: 'WEB', scope: 'snsapi_userinfo' as const, ...personIdentity('WEB', 'alice') };
  const code = oauth.issueCode(grant);
  expect(errcodeOf(() => oauth.exchangeCode('WEB', 'wrong', code))).toBe(40125);
  expect(errcodeOf(() => oauth.exchangeCode('SITE', 'S3', code))).toBe(40029);
  const token = oauth.exchangeCode('WEB', 'S2', code);
  expect(token).toEqual({
    access_token: expect.any(String),
    expires_in: 7200,
    refresh_token: expect.any(String),
    openid: grant.openid,
    scope: 'snsapi_userinfo',
    unionid: grant.unionid,
  });
  expect(errcodeOf(() => oauth.exchangeCode('WEB', 'S2', code))).toBe(40163);
  const late = oauth.issueCode(grant);
  clock.now += OAUTH_CODE_TTL_MS;
  expect(errcodeOf(() => oauth.exchangeCode('WEB', 'S2', late))).toBe(40029);
});

it('gives the UnionID only where WeChat does, and userinfo only beyond snsapi_base', () => {
  const { oauth } = stateAt();
  const alice = personIdentity('WEB', 'alice');
  const base = oauth.exchangeCode('WEB', 'S2', oauth.issueCode({ appid: 'WEB', scope: 'snsapi_base', ...alice }));
  expect(base).not.toHaveProperty('unionid');
  expect(errcodeOf(() => oauth.userinfo(base.access_token, alice.openid))).toBe(48001);
  expect(oauth.checkToken(base.access_token, alice.openid)).toEqual({ errcode: 0, errmsg: 'ok' });
  expect(errcodeOf(() => oauth.checkToken(base.access_token, 'o-someone-else'))).toBe(40003);
  expect(errcodeOf(() => oauth.checkToken('no-such-token', alice.openid))).toBe(40001);

  const site = personIdentity('SITE', 'alice');
  const login = oauth.exchangeCode('SITE', 'S3', oauth.issueCode({ appid: 'SITE', scope: 'snsapi_login', ...site }));
  expect(login.unionid).toBe(site.unionid);
  expect(oauth.userinfo(login.access_token, site.openid)).toMatchObject({
    openid: site.openid,
    unionid: site.unionid,
    nickname: '微信用户',
  });
});

it('refreshes with the refresh_token of this app only, and refuses scopes and apps of the wrong kind', () => {
  const { oauth } = stateAt();
  const alice = personIdentity('WEB', 'alice');
  const first = oauth.exchangeCode('WEB', 'S2', oauth.issueCode({ appid: 'WEB', scope: 'snsapi_base', ...alice }));
  const refreshed = oauth.refresh('WEB', first.refresh_token);
  expect(refreshed).toMatchObject({ refresh_token: first.refresh_token, openid: alice.openid, scope: 'snsapi_base' });
  expect(refreshed.access_token).not.toBe(first.access_token);
  expect(errcodeOf(() => oauth.refresh('SITE', first.refresh_token))).toBe(40030);
  expect(errcodeOf(() => oauth.refresh('WEB', 'nope'))).toBe(40030);
  expect(errcodeOf(() => oauth.issueCode({ appid: 'SITE', scope: 'snsapi_base', ...alice }))).toBe(40097);
  expect(errcodeOf(() => oauth.issueCode({ appid: 'MP', scope: 'snsapi_base', ...alice }))).toBe(40013);
});

it('offers the mini-program’s users by UnionID: that person signs in to a web app with the same UnionID', () => {
  const oauth = new OAuthState({ apps: [MP], seenUnionids: () => ['u-phone', 'u-phone'] });
  oauth.rememberPerson('alice');
  expect(oauth.recentPeople()).toEqual(['alice', 'unionid:u-phone']);
  const code = oauth.issueCode({ appid: 'WEB', scope: 'snsapi_userinfo', ...personFor('WEB', 'unionid:u-phone') });
  expect(oauth.exchangeCode('WEB', 'S2', code)).toMatchObject({
    unionid: 'u-phone',
    openid: personFor('WEB', 'unionid:u-phone').openid,
  });
});
