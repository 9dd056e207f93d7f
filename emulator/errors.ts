/**
 * The one error type of the emulator. Its wire form matches what the CloudBase service returns
 * (HTTP 200 with `{ code, message, requestId }`), so the unmodified SDK turns it into its real
 * error: wx-server-sdk maps `code` through its TCB_ERR_CODE table (e.g. DATABASE_COLLECTION_NOT_EXIST
 * -> errCode -502005); codes it does not know become -501001 with the message kept.
 */

/** Codes the service returns for mistakes of the caller. */
export const USER_ERROR_CODES = [
  'INVALID_PARAM',
  'INVALID_ACTION',
  'DATABASE_COLLECTION_NOT_EXIST',
  'DATABASE_COLLECTION_ALREADY_EXIST',
  'DATABASE_DUPLICATE_WRITE',
  'DATABASE_TRANSACTION_CONFLICT',
  'DATABASE_TRANSACTION_FAIL',
  'DATABASE_INVALID_OPERRATOR',
  'DATABASE_REQUEST_FAILED',
] as const;

/** Codes for faults of the service itself (or of the emulator). */
export const SYSTEM_ERROR_CODES = ['SYS_ERR'] as const;

export type UserErrorCode = (typeof USER_ERROR_CODES)[number];
export type SystemErrorCode = (typeof SYSTEM_ERROR_CODES)[number];
export type EmulatorErrorCode = UserErrorCode | SystemErrorCode;

/** The JSON body of an error response, as the service sends it. */
export interface WireError {
  code: EmulatorErrorCode;
  message: string;
  requestId: string;
}

export class EmulatorError extends Error {
  readonly code: EmulatorErrorCode;

  constructor(code: EmulatorErrorCode, message: string) {
    super(message);
    this.name = 'EmulatorError';
    this.code = code;
  }

  toWire(requestId: string): WireError {
    return { code: this.code, message: this.message, requestId };
  }
}

/** Throws an EmulatorError with `code` unless `condition` holds. */
export function check(condition: unknown, code: EmulatorErrorCode, message: string): asserts condition {
  if (!condition) throw new EmulatorError(code, message);
}

export function invalidParam(message: string): EmulatorError {
  return new EmulatorError('INVALID_PARAM', message);
}
