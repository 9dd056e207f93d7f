import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_AVATAR_PNG } from './avatar-png';
import { screenImage, screenImageUrl, sniffImageType } from './screen-images';

test('an image type is sniffed from the bytes, never from a name', () => {
  expect(sniffImageType(DEFAULT_AVATAR_PNG)).toBe('image/png');
  expect(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
  expect(sniffImageType(Buffer.from('GIF89a...'))).toBe('image/gif');
  expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
  expect(sniffImageType(Buffer.from('<svg onload="alert(1)"/>'))).toBeUndefined();
  expect(sniffImageType(new Uint8Array())).toBeUndefined();
});

test("the frame loads URLs as they are, the local cloud's own only when they are storage's temporary URLs", () => {
  const url = screenImageUrl('phone-1', 'http://127.0.0.1:9000');
  expect(url('https://example.com/a.png')).toBe('https://example.com/a.png');
  expect(url('http://127.0.0.1:9000/storage/files/avatars/o1/1.png?t=1&sign=x')).toBe(
    '/storage/files/avatars/o1/1.png?t=1&sign=x',
  );
  expect(url('http://127.0.0.1:9000/console/api/reset')).toBeUndefined();
  expect(url('javascript:alert(1)')).toBeUndefined();
  expect(url('data:text/html;base64,PHNjcmlwdD4=')).toBeUndefined();
  expect(url('data:image/png;base64,iVBORw0K')).toBe('data:image/png;base64,iVBORw0K');
  expect(url('wxfile://tmp_avatar_1.png')).toBe(
    '/console/api/phones/phone-1/image?src=wxfile%3A%2F%2Ftmp_avatar_1.png',
  );
  expect(url('cloud://env.x/a.png')).toBe('/console/api/phones/phone-1/image?src=cloud%3A%2F%2Fenv.x%2Fa.png');
  expect(url('/images/logo.png')).toBe('/console/api/phones/phone-1/image?src=%2Fimages%2Flogo.png');
});

test("a picture comes from the phone's temporary files, cloud files or package, and only if it is an image", () => {
  const root = mkdtempSync(path.join(tmpdir(), 'screen-images-'));
  mkdirSync(path.join(root, 'images'));
  mkdirSync(path.join(root, 'pages', 'index'), { recursive: true });
  writeFileSync(path.join(root, 'images', 'logo.png'), DEFAULT_AVATAR_PNG);
  writeFileSync(path.join(root, 'pages', 'index', 'index.wxml'), '<view/>');
  writeFileSync(path.join(path.dirname(root), 'outside.png'), DEFAULT_AVATAR_PNG);
  const sources = {
    tempFiles: new Map([
      ['wxfile://tmp_avatar_1.png', { bytes: DEFAULT_AVATAR_PNG, contentType: 'image/png' }],
      ['wxfile://tmp_page.html', { bytes: Buffer.from('<script>1</script>'), contentType: 'image/png' }],
    ]),
    readCloudFile: (fileId: string) => (fileId === 'cloud://env/a.png' ? DEFAULT_AVATAR_PNG : undefined),
    miniprogramRoot: root,
    route: 'pages/index/index',
  };
  const png = { bytes: DEFAULT_AVATAR_PNG, contentType: 'image/png' };
  expect(screenImage('wxfile://tmp_avatar_1.png', sources)).toEqual(png);
  expect(screenImage('cloud://env/a.png', sources)).toEqual(png);
  expect(screenImage('/images/logo.png', sources)?.contentType).toBe('image/png');
  expect(screenImage('../../images/logo.png', sources)?.contentType).toBe('image/png');
  expect(screenImage('wxfile://tmp_page.html', sources)).toBeUndefined(); // not an image, whatever it claims
  expect(screenImage('cloud://env/other.png', sources)).toBeUndefined();
  expect(screenImage('/pages/index/index.wxml', sources)).toBeUndefined();
  expect(screenImage('../../../outside.png', sources)).toBeUndefined();
  expect(screenImage('/../outside.png', sources)).toBeUndefined();
});
