import { errorBody } from '../../shared/error-codes';
import { maskPhone, presentPrivacy, presentProfile } from './present';

describe('maskPhone', () => {
  it('keeps the first three and the last four digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('+85261234567', '852')).toBe('612****4567');
    expect(maskPhone('12345')).toBe('1****');
  });
});

describe('presentProfile', () => {
  const ready = { status: 'ready' as const, avatarUrl: '', error: null, notice: '' };

  it('shows a filled profile with the phone masked, never in full', () => {
    const view = presentProfile({
      ...ready,
      profile: {
        openid: 'o1',
        nickName: '小明',
        avatarFileId: 'cloud://x',
        phoneNumber: '13800138000',
        countryCode: '86',
      },
      avatarUrl: 'http://a',
    });
    expect(view).toMatchObject({
      nickNameText: '小明',
      avatarLetter: '小',
      phoneText: '138****8000',
      phoneBound: true,
      avatarUrl: 'http://a',
      busy: false,
    });
    expect(JSON.stringify(view)).not.toContain('13800138000');
  });

  it('shows what is missing, a foreign country code, and the error in Chinese only', () => {
    expect(presentProfile({ ...ready, profile: { openid: 'o1' } })).toMatchObject({
      nickNameText: '未设置',
      phoneText: '未绑定',
      phoneBound: false,
      avatarLetter: '微',
    });
    expect(
      presentProfile({ ...ready, profile: { openid: 'o1', phoneNumber: '+85261234567', countryCode: '852' } })
        .phoneText,
    ).toBe('+852 612****4567');
    const refused = presentProfile({ ...ready, profile: { openid: 'o1' }, error: errorBody('CONTENT_RISKY') });
    expect(refused).toMatchObject({
      errorCode: 'CONTENT_RISKY',
      errorText: '昵称含有不当内容，请修改后再试',
    });
  });

  it('is busy while saving', () => {
    expect(presentProfile({ ...ready, status: 'saving', profile: null }).busy).toBe(true);
  });
});

describe('presentPrivacy', () => {
  it('shows the popup only while a guarded API waits, naming it', () => {
    expect(presentPrivacy({ pending: false, referrer: '' }).show).toBe(false);
    expect(presentPrivacy({ pending: true, referrer: 'chooseAvatar' })).toMatchObject({
      show: true,
      text: expect.stringContaining('选择头像'),
    });
  });
});
