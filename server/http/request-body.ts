/**
 * Request bodies: JSON only, at most MAX_BODY_BYTES. Read from a Node stream (Express, Koa) or
 * given as text (Hono); a bad body is an INVALID_ARGUMENT answer, never an exception.
 */
import type { IncomingMessage } from 'node:http';
import { errorBody } from '../../miniprogram/shared/error-codes';
import type { HttpAnswer } from './answers';

/** Auth bodies are a code, a token or one piece of open data: 64 KiB is plenty. */
export const MAX_BODY_BYTES = 64 * 1024;

export type ParsedBody = { ok: true; value: unknown } | { ok: false; answer: HttpAnswer };

const refuse = (status: number, detail: string): ParsedBody => ({
  ok: false,
  answer: { status, body: { ok: false, error: errorBody('INVALID_ARGUMENT', detail) } },
});

export function parseJsonBody(contentType: string | undefined, text: string): ParsedBody {
  if (!/^application\/json\b/i.test(contentType ?? '')) return refuse(415, 'content-type must be application/json');
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return refuse(413, `body exceeds ${MAX_BODY_BYTES} bytes`);
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return refuse(400, 'body is not valid JSON');
  }
}

/** Reads a Node request's body, stopping at the limit (the rest is not buffered). */
export async function readNodeBody(request: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return refuse(413, `body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return parseJsonBody(request.headers['content-type'], Buffer.concat(chunks).toString('utf8'));
}
