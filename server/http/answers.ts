/** HTTP status of each answer: 200 for data, and one status per error code of the shared table. */
import type { ErrorBody, ErrorCode } from '../../miniprogram/shared/error-codes';
import type { AuthAnswer } from '../core/auth-core';

const STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_ARGUMENT: 400,
  LOGIN_CODE_INVALID: 400,
  OPEN_DATA_INVALID: 400,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  TOKEN_INVALID: 401,
  REFRESH_TOKEN_INVALID: 401,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  WECHAT_UNAVAILABLE: 503,
};

export interface HttpAnswer {
  status: number;
  body: { ok: true; data: unknown } | { ok: false; error: ErrorBody };
}

export function httpAnswer<T>(answer: AuthAnswer<T>): HttpAnswer {
  if (answer.ok) return { status: 200, body: answer };
  return { status: STATUS[answer.error.code] ?? 500, body: answer };
}
