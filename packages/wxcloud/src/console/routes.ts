/**
 * The plumbing of the console's routes: JSON bodies only (`content-type: application/json`), a
 * size limit on each, the body checked by a zod schema, and every error answered the one way
 * errors.ts says.
 */
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { ConsoleApiError, errorResponse, fromZod } from './errors';

/** Largest JSON body of a console request, except imports. */
export const MAX_CONSOLE_BODY_BYTES = 1024 * 1024;

type Handler<T> = (c: Context) => T | Promise<T>;

/** GET (or DELETE) route answering JSON. */
export function jsonGet<T>(handle: Handler<T>) {
  return async (c: Context) => {
    try {
      return c.json((await handle(c)) as object);
    } catch (error) {
      return errorResponse(c, error);
    }
  };
}

/** POST/PUT route: a JSON body of at most `maxBytes`, parsed by `schema`. */
export function jsonBody<S extends z.ZodType, T>(
  app: Hono,
  method: 'post' | 'put',
  path: string,
  schema: S,
  handle: (body: z.infer<S>, c: Context) => T | Promise<T>,
  maxBytes = MAX_CONSOLE_BODY_BYTES,
) {
  const tooLarge = (c: Context) =>
    errorResponse(c, new ConsoleApiError('INVALID_ARGUMENT', `request body exceeds ${maxBytes} bytes`));
  app[method](path, bodyLimit({ maxSize: maxBytes, onError: tooLarge }), async (c) => {
    try {
      if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
        throw new ConsoleApiError('INVALID_ARGUMENT', 'the body must be JSON (content-type: application/json)');
      }
      let raw: unknown;
      try {
        raw = await c.req.json();
      } catch {
        throw new ConsoleApiError('INVALID_ARGUMENT', 'the body is not valid JSON');
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw fromZod('request', parsed.error);
      return c.json((await handle(parsed.data, c)) as object);
    } catch (error) {
      return errorResponse(c, error);
    }
  });
}
