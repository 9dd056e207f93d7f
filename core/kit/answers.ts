/**
 * How a cloud function answers: an event checked against its schema (INVALID_ARGUMENT naming every
 * issue), and a failure turned into the shared error table's body: a transient database failure is
 * UNAVAILABLE (safe to retry); anything else is INTERNAL, with the details in the function's log
 * and never a stack to the client.
 */
import { errorBody, formatZodError, type ErrorBody, type IssueLike } from '../../typings';
import { isStoreError } from './store-error';

interface SafeParser<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { readonly issues: ReadonlyArray<IssueLike> } };
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; error: ErrorBody<'INVALID_ARGUMENT'> };

export function parseEvent<T>(schema: SafeParser<T>, event: unknown): Parsed<T> {
  const parsed = schema.safeParse(event ?? {});
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, error: errorBody('INVALID_ARGUMENT', formatZodError(parsed.error)) };
}

export function failureBody(
  what: string,
  error: unknown,
  log?: (message: string) => void,
): ErrorBody<'UNAVAILABLE' | 'INTERNAL'> {
  if (isStoreError(error, 'transient')) return errorBody('UNAVAILABLE', error.message);
  log?.(`${what}: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return errorBody('INTERNAL');
}
