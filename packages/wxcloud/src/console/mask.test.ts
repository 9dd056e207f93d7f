import { maskOpenid, maskPhone, maskText } from './mask';

test('openids keep the mini-program mask and a fingerprint that tells look-alikes apart', () => {
  expect(maskOpenid('oDemo-dave-0004')).toMatch(/^oDem\*\*\*\*0004·[0-9a-f]{4}$/);
  expect(maskOpenid('oDemo-dave-0004')).not.toBe(maskOpenid('oDemo-dora-0004'));
  expect(maskOpenid('oDemo-dave-0004')).toBe(maskOpenid('oDemo-dave-0004'));
  expect(maskOpenid('short')).toMatch(/^sh\*\*\*\*·/);
});

test('phone numbers keep their first three and last four digits', () => {
  expect(maskPhone('13800138000')).toBe('138****8000');
  expect(maskPhone('+86 13800138000')).toBe('+86 138****8000');
  expect(maskPhone('12345')).toBe('1****');
});

test('text masks ids and mobile numbers but leaves paths, fileIDs and URLs working', () => {
  const id = 'oDemo-dora-0004';
  const text = JSON.stringify({
    openid: id,
    phone: { phoneNumber: '13800138000', purePhoneNumber: '13800138000', countryCode: '86' },
    avatarFileId: `cloud://local-env.6c6f/avatars/${id}/1796393670416.png`,
    url: `http://127.0.0.1:9000/storage/files/avatars/${id}/1796393670416.png`,
    log: `login ${id} at 1796393670416`,
  });
  const masked = maskText(text, [id]);
  expect(masked).not.toMatch(/13800138000/);
  expect(masked).toContain('"phoneNumber":"138****8000"');
  expect(masked).toContain(`"openid":"${maskOpenid(id)}"`);
  expect(masked).toContain(`avatars/${id}/1796393670416.png`);
  expect(masked).toContain(`login ${maskOpenid(id)} at 1796393670416`);
  expect(maskText('+8613800138000 and 12345678901234')).toBe('+86138****8000 and 12345678901234');
});
