import { resolveCaller } from './caller';

describe('resolveCaller', () => {
  it('reads OPENID, APPID and UNIONID', () => {
    expect(resolveCaller({ OPENID: 'o1', APPID: 'wx1', UNIONID: 'u1' })).toEqual({
      openid: 'o1',
      appid: 'wx1',
      unionid: 'u1',
      crossAccount: false,
    });
  });

  it('leaves out an absent or empty UNIONID', () => {
    expect(resolveCaller({ OPENID: 'o1', APPID: 'wx1', UNIONID: '' })).toEqual({
      openid: 'o1',
      appid: 'wx1',
      crossAccount: false,
    });
  });

  it('prefers the FROM_ identity of a cross-account call', () => {
    expect(resolveCaller({ OPENID: 'o-res', APPID: 'wx-res', FROM_OPENID: 'o-src', FROM_APPID: 'wx-src' })).toEqual({
      openid: 'o-src',
      appid: 'wx-src',
      crossAccount: true,
    });
  });

  it('has no caller without an openid', () => {
    expect(resolveCaller({ APPID: 'wx1' })).toBeNull();
    expect(resolveCaller({})).toBeNull();
  });
});
