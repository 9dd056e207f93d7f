/**
 * The error vocabularies of the emulator's wires, one table each, answered with the service's own
 * wording so that production code never depends on the emulator's:
 * - the admin wire (`POST /admin`, what node-sdk speaks): HTTP 200 with `{ code, message, requestId }`;
 *   wx-server-sdk maps `code` through its TCB_ERR_CODE table (DATABASE_COLLECTION_NOT_EXIST ->
 *   errCode -502005); codes it does not know become -501001 with the message kept.
 * - the client wire (what `wx.cloud.*` gives a mini-program): `{ errCode, errMsg }` with the
 *   platform's numeric codes, in CLIENT_ERROR_CODES below.
 */
import { formatZodError, type IssueLike } from '../zod-messages';

/** Admin wire codes, by whose mistake: the caller's (`user`) or the service's (`system`). */
export const ADMIN_ERROR_CODES = {
  INVALID_PARAM: 'user',
  INVALID_ACTION: 'user',
  OPERATION_FAIL: 'user',
  DATABASE_COLLECTION_NOT_EXIST: 'user',
  DATABASE_COLLECTION_ALREADY_EXIST: 'user',
  DATABASE_DUPLICATE_WRITE: 'user',
  DATABASE_TRANSACTION_CONFLICT: 'user',
  DATABASE_TRANSACTION_FAIL: 'user',
  DATABASE_INVALID_OPERRATOR: 'user',
  DATABASE_REQUEST_FAILED: 'user',
  FUNCTIONS_EXECUTE_FAIL: 'user',
  STORAGE_FILE_NONEXIST: 'user',
  STORAGE_EXCEED_AUTHORITY: 'user',
  STORAGE_REQUEST_FAIL: 'user',
  FUNCTIONS_MEMORY_LIMIT_EXCEEDED: 'user',
  /** Too many at once (open transactions); wx-server-sdk maps it to -501004. */
  EXCEED_CONCURRENT_REQUEST_LIMIT: 'user',
  /** A request from outside the loopback emulator (foreign Host or Origin). */
  PERMISSION_DENIED: 'user',
  /** The request ran past its time budget (the caller's query asked for too much work). */
  SERVER_TIMEOUT: 'user',
  SYS_ERR: 'system',
} as const;

export type AdminErrorCode = keyof typeof ADMIN_ERROR_CODES;

/** The codes that answer a caller's mistake. */
export const USER_ERROR_CODES = (Object.keys(ADMIN_ERROR_CODES) as AdminErrorCode[]).filter(
  (code) => ADMIN_ERROR_CODES[code] === 'user',
);

/** Client wire codes (wx.cloud error tables of the base library and wx-server-sdk). */
export const CLIENT_ERROR_CODES = {
  /** Generic failure of a request (network, not found in the database). */
  REQUEST_FAILED: -1,
  /** The function does not exist in the environment. */
  FUNCTION_NOT_FOUND: -501000,
  /** Invalid parameters. */
  INVALID_PARAM: -501007,
  /** Database request failed. */
  DATABASE_REQUEST_FAILED: -502001,
  /** Database permission denied (security rules). */
  DATABASE_PERMISSION_DENIED: -502003,
  /** SDK cloud function error: the function ran and failed. */
  FUNCTION_EXECUTION_FAILED: -404011,
  /** Cloud function service: functions execute fail. */
  FUNCTION_SERVICE_EXECUTE_FAIL: -504002,
  /** Cloud function service: the invocation ran past the function's timeout. */
  FUNCTION_TIMEOUT: -504003,
  /** Storage request failed (bad path, too large). */
  STORAGE_REQUEST_FAIL: -503001,
  /** Storage permission denied (the default: only the file's creator). */
  STORAGE_EXCEED_AUTHORITY: -503002,
  /** No such file. */
  STORAGE_FILE_NONEXIST: -503003,
} as const;

export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[keyof typeof CLIENT_ERROR_CODES];

/** The JSON body of an admin wire error, as the service sends it. */
export interface WireError {
  code: AdminErrorCode;
  message: string;
  requestId: string;
}

/** The JSON body of a client wire error. */
export interface ClientErrorBody {
  errCode: number;
  errMsg: string;
}

export class EmulatorError extends Error {
  readonly code: AdminErrorCode;

  constructor(code: AdminErrorCode, message: string) {
    super(message);
    this.name = 'EmulatorError';
    this.code = code;
  }

  toWire(requestId: string): WireError {
    return { code: this.code, message: this.message, requestId };
  }
}

/** Throws an EmulatorError with `code` unless `condition` holds. */
export function check(condition: unknown, code: AdminErrorCode, message: string): asserts condition {
  if (!condition) throw new EmulatorError(code, message);
}

export function invalidParam(message: string): EmulatorError {
  return new EmulatorError('INVALID_PARAM', message);
}

/** An action's parameters failed their schema: INVALID_PARAM naming every issue. */
export function zodToInvalidParam(action: string, error: { readonly issues: ReadonlyArray<IssueLike> }): EmulatorError {
  return invalidParam(`invalid parameters for ${action}: ${formatZodError(error)}`);
}
