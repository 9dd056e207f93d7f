/**
 * The `multipart/form-data` body node-sdk sends for `wx.openApi` (its form-data package): one part
 * per envelope field. A part with a Content-Type (a Buffer, e.g. `requestData`, sent without a
 * filename) stays bytes; any other part is a UTF-8 string. Enough for that one producer; not a
 * general multipart parser.
 */

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary of a `multipart/form-data; boundary=...` content type, or undefined. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  const match = /^multipart\/form-data;\s*boundary="?([^";]+)"?/i.exec(contentType ?? '');
  return match?.[1];
}

/** Field name -> string, or Buffer for a part that declared a Content-Type. Throws on a malformed body. */
export function parseMultipart(body: Buffer, boundary: string): Record<string, string | Buffer> {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string | Buffer> = Object.create(null) as Record<string, string | Buffer>;
  let at = body.indexOf(delimiter);
  if (at !== 0) throw new Error('multipart body does not start with its boundary');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return { ...fields };
    if (!body.subarray(at, at + 2).equals(CRLF)) throw new Error('malformed multipart delimiter');
    const headerEnd = body.indexOf(HEADER_END, at);
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headerEnd);
    if (headerEnd === -1 || next === -1) throw new Error('truncated multipart body');
    const headers = body.subarray(at + 2, headerEnd).toString('utf8');
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (!name) throw new Error('multipart part without a name');
    const content = body.subarray(headerEnd + HEADER_END.length, next);
    fields[name] = /content-type:/i.test(headers) ? Buffer.from(content) : content.toString('utf8');
    at = next + CRLF.length;
  }
}
