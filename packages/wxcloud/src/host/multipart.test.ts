/** The multipart reader against the very package node-sdk encodes with (form-data). */
import FormData from 'form-data';
import { multipartBoundary, parseMultipart } from './multipart';

function encoded(fields: Record<string, string | Buffer>) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return { body: form.getBuffer(), type: form.getHeaders()['content-type'] as string };
}

describe('parseMultipart', () => {
  it('reads strings as text and buffers as bytes, CRLFs and all', () => {
    const bytes = Buffer.from([0, 13, 10, 45, 45, 255]);
    const { body, type } = encoded({ action: 'wx.openApi', requestData: bytes, note: '中文\r\nline' });
    const fields = parseMultipart(body, multipartBoundary(type) ?? '');
    expect(fields).toEqual({ action: 'wx.openApi', requestData: bytes, note: '中文\r\nline' });
  });

  it('refuses a body that is not multipart', () => {
    expect(() => parseMultipart(Buffer.from('{"action":"x"}'), 'b')).toThrow(/boundary/);
    expect(multipartBoundary('application/json')).toBeUndefined();
  });

  it('refuses a truncated body', () => {
    const { body, type } = encoded({ action: 'wx.openApi' });
    expect(() => parseMultipart(body.subarray(0, body.length - 20), multipartBoundary(type) ?? '')).toThrow(
      /truncated/,
    );
  });
});
