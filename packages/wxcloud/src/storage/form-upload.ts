/**
 * The file part of a COS form upload (POST Object), as node-sdk before 3.0 sends it: a
 * multipart/form-data body with fields Signature, x-cos-security-token, x-cos-meta-fileid, key and
 * file. The `file` part of a Buffer carries no filename, and Request.formData (like every parser
 * following the HTML rule) turns a part without a filename into UTF-8 text, which corrupts binary
 * files: the parts are cut out of the raw bytes here instead.
 */

export interface FormFile {
  bytes: Uint8Array;
  contentType: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** The `file` part of a multipart body, or undefined when the body has none (or is not multipart). */
export function fileFromForm(body: Uint8Array, contentType: string): FormFile | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!/^multipart\/form-data/i.test(contentType) || !marker) return undefined;
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const delimiter = Buffer.from(`\r\n--${marker}`);
  // Prefixing CRLF lets the first delimiter match like every other one.
  const text = Buffer.concat([Buffer.from('\r\n'), bytes]);
  let start = text.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length + 2;
    const next = text.indexOf(delimiter, partStart);
    if (next === -1) return undefined;
    const headerEnd = text.indexOf(HEADER_END, partStart);
    if (headerEnd !== -1 && headerEnd < next) {
      const headers = text.subarray(partStart, headerEnd).toString('utf8');
      if (/^content-disposition:.*\bname="file"/im.test(headers)) {
        const type = /^content-type:\s*(.+)$/im.exec(headers)?.[1]?.trim();
        return {
          bytes: new Uint8Array(text.subarray(headerEnd + HEADER_END.length, next)),
          contentType: type ?? 'application/octet-stream',
        };
      }
    }
    start = next;
  }
  return undefined;
}
