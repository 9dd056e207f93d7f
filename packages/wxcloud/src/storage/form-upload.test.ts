/** The file part of a COS form upload, cut from the raw bytes. */
import { fileFromForm } from './form-upload';

const BOUNDARY = '----form-boundary-1';
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

function form(parts: Array<{ headers: string; body: Buffer }>): Uint8Array {
  const chunks = parts.flatMap((part) => [
    Buffer.from(`--${BOUNDARY}\r\n${part.headers}\r\n\r\n`),
    part.body,
    Buffer.from('\r\n'),
  ]);
  return new Uint8Array(Buffer.concat([...chunks, Buffer.from(`--${BOUNDARY}--\r\n`)]));
}

it('keeps a binary file part without a filename byte for byte', () => {
  const binary = Buffer.from([0, 255, 13, 10, 45, 45, 128]);
  const body = form([
    { headers: 'Content-Disposition: form-data; name="key"', body: Buffer.from('a/b.bin') },
    { headers: 'Content-Disposition: form-data; name="file"\r\nContent-Type: application/octet-stream', body: binary },
  ]);
  const file = fileFromForm(body, CONTENT_TYPE);
  expect(Buffer.from(file?.bytes ?? [])).toEqual(binary);
  expect(file?.contentType).toBe('application/octet-stream');
});

it('does not take a field whose filename is "file" for the file part', () => {
  const body = form([
    { headers: 'Content-Disposition: form-data; name="other"; filename="file"', body: Buffer.from('x') },
  ]);
  expect(fileFromForm(body, CONTENT_TYPE)).toBeUndefined();
});

it('answers undefined for a body that is not multipart or has no closing boundary', () => {
  expect(fileFromForm(new Uint8Array(Buffer.from('{}')), 'application/json')).toBeUndefined();
  expect(
    fileFromForm(
      new Uint8Array(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc`)),
      CONTENT_TYPE,
    ),
  ).toBeUndefined();
});
