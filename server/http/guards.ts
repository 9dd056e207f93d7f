/**
 * Who may reach the server at all: browsers only from the allowed origins (a mini-program sends no
 * Origin), and, while it listens on loopback, only requests addressed to loopback (a DNS-rebinding
 * page cannot borrow it).
 */
import { errorBody } from '../../miniprogram/shared/error-codes';
import type { HttpAnswer } from './answers';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host === '::1';
}

export function checkRequestSource(
  header: (name: string) => string | undefined,
  options: { allowedOrigins: string[]; loopback: boolean },
): HttpAnswer | null {
  const origin = header('origin');
  if (origin && !options.allowedOrigins.includes(origin)) {
    return {
      status: 403,
      body: { ok: false, error: errorBody('INVALID_ARGUMENT', `origin ${origin} is not allowed`) },
    };
  }
  if (options.loopback) {
    const host = (header('host') ?? '').replace(/:\d+$/, '');
    if (!LOOPBACK_HOSTS.has(host))
      return { status: 403, body: { ok: false, error: errorBody('INVALID_ARGUMENT', 'host must be loopback') } };
  }
  return null;
}
