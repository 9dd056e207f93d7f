/**
 * The console API's one error type and how it goes out: `{ error: { code, message, serviceCode? } }`
 * with the status of CONSOLE_ERROR_CODES. A service's refusal (an admin wire error) keeps the
 * service's code and message; anything unexpected is logged and answered as INTERNAL.
 */
import type { Context } from 'hono';
import { formatZodError, type IssueLike } from '../zod-messages';
import { AdminConnectionDropped, type Host } from '../host/service';
import { CONSOLE_ERROR_CODES, type ConsoleError, type ConsoleErrorCode } from './api-types';

export class ConsoleApiError extends Error {
  constructor(
    readonly code: ConsoleErrorCode,
    message: string,
    readonly serviceCode?: string,
  ) {
    super(message);
    this.name = 'ConsoleApiError';
  }
}

export function invalidArgument(message: string): ConsoleApiError {
  return new ConsoleApiError('INVALID_ARGUMENT', message);
}

export function fromZod(what: string, error: { readonly issues: ReadonlyArray<IssueLike> }): ConsoleApiError {
  return invalidArgument(`invalid ${what}: ${formatZodError(error)}`);
}

/** Runs one `/admin` action in-process and returns its `data`, or throws the service's refusal. */
export async function adminData<T>(host: Host, envelope: Record<string, unknown>): Promise<T> {
  let reply: Record<string, unknown>;
  try {
    reply = await host.admin(envelope);
  } catch (error) {
    if (error instanceof AdminConnectionDropped)
      throw new ConsoleApiError('UNAVAILABLE', `${envelope.action}: ${error.message}`);
    throw error;
  }
  if (typeof reply.code === 'string') {
    throw new ConsoleApiError('REJECTED', String(reply.message ?? reply.code), reply.code);
  }
  return reply.data as T;
}

/** Answers an error thrown by a console route. */
export function errorResponse(c: Context, error: unknown): Response {
  if (error instanceof ConsoleApiError) {
    const body: ConsoleError = {
      code: error.code,
      message: error.message,
      ...(error.serviceCode ? { serviceCode: error.serviceCode } : {}),
    };
    return c.json({ error: body }, CONSOLE_ERROR_CODES[error.code]);
  }
  console.error('[console] request failed unexpectedly:', error);
  const body: ConsoleError = {
    code: 'INTERNAL',
    message: `console error: ${(error as Error).message ?? String(error)}`,
  };
  return c.json({ error: body }, CONSOLE_ERROR_CODES.INTERNAL);
}
