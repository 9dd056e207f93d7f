/**
 * The platform's error codes and messages for function calls, and the two wire shapes they take:
 * what wx.cloud.callFunction gives the mini-program, and what the admin API (functions.invokeFunction)
 * answers to @cloudbase/node-sdk, which wx-server-sdk turns into its own errCode.
 *
 * Shapes copied from real platform answers:
 *   thrown error  errCode -404011, "cloud.callFunction:fail requestID <id>, cloud function service error
 *                 code -504002, error message Error: boom"
 *   timeout       "cloud.callFunction:fail Error: errCode: -504003  | errMsg: Invoking task timed out after 3 seconds"
 *   not deployed  "cloud.callFunction:fail Error: errCode: -501000  | errMsg: FunctionName parameter could not
 *                 be found."
 */

import { CLIENT_ERROR_CODES, type AdminErrorCode, type ClientErrorBody, type WireError } from '../host/errors';

export { CLIENT_ERROR_CODES, type ClientErrorBody };

export type FailureKind = 'not_found' | 'execution' | 'timeout' | 'invalid_request' | 'memory' | 'response_too_large';

/** Why an invocation failed, independent of how it is reported. */
export interface FunctionFailure {
  kind: FailureKind;
  /** For `execution`: the error as the platform prints it, e.g. "Error: boom". */
  message: string;
}

const FAIL = 'cloud.callFunction:fail';

export function timeoutMessage(timeoutSeconds: number): string {
  return `Invoking task timed out after ${timeoutSeconds} seconds`;
}

/** Loading index.js ran past the init timeout: the call's own timeout never started. */
export function initTimeoutMessage(initTimeoutSeconds: number): string {
  return (
    `Function initialization timed out after ${initTimeoutSeconds} ` +
    `seconds (loading index.js, before main was called)`
  );
}

/** SCF status 434 MemoryLimitReached, with what was measured. */
export function memoryLimitMessage(memoryMb: number, usedBytes: number | null): string {
  const used = usedBytes === null ? 'its V8 heap is full' : `it used ${Math.round(usedBytes / 1024 / 1024)} MB`;
  return (
    `MemoryLimitReached: the function ran out of memory (memory ` +
    `size ${memoryMb} MB, ${used}); the instance was recycled`
  );
}

/** SCF status 407, its own wording. */
export const RESPONSE_TOO_LARGE_MESSAGE = 'The size of response exceeds the upper limit (6MB)';

export const NOT_FOUND_MESSAGE = 'FunctionName parameter could not be found.';

/** The error wx.cloud.callFunction rejects with in the mini-program. */
export function clientErrorBody(failure: FunctionFailure, requestId: string): ClientErrorBody {
  switch (failure.kind) {
    case 'execution':
    case 'memory':
    case 'response_too_large':
      return {
        errCode: CLIENT_ERROR_CODES.FUNCTION_EXECUTION_FAILED,
        errMsg:
          `${FAIL} requestID ${requestId}, cloud function service error ` +
          `code ${CLIENT_ERROR_CODES.FUNCTION_SERVICE_EXECUTE_FAIL}, error ` +
          `message ${failure.message}`,
      };
    case 'timeout':
      return serviceError(CLIENT_ERROR_CODES.FUNCTION_TIMEOUT, failure.message);
    case 'not_found':
      return serviceError(CLIENT_ERROR_CODES.FUNCTION_NOT_FOUND, failure.message);
    case 'invalid_request':
      return serviceError(CLIENT_ERROR_CODES.INVALID_PARAM, failure.message);
  }
}

function serviceError(errCode: number, message: string): ClientErrorBody {
  return { errCode, errMsg: `${FAIL} Error: errCode: ${errCode}  | errMsg: ${message}` };
}

/** Failures of a function that ran: the platform reports them as execution errors (-504002). */
const RAN_AND_FAILED = new Set<FailureKind>(['execution', 'memory', 'response_too_large']);

/** The code recorded in the invocation log: 0 for success, else the client errCode. */
export function resultCode(failure: FunctionFailure | undefined): number {
  if (!failure) return 0;
  return RAN_AND_FAILED.has(failure.kind)
    ? CLIENT_ERROR_CODES.FUNCTION_SERVICE_EXECUTE_FAIL
    : clientErrorBody(failure, '').errCode;
}

/** HTTP status of the client endpoint for each failure (the body always carries errCode/errMsg). */
export function clientHttpStatus(failure: FunctionFailure): 400 | 404 | 500 | 504 {
  const statuses = {
    invalid_request: 400,
    not_found: 404,
    execution: 500,
    memory: 500,
    response_too_large: 500,
    timeout: 504,
  } as const;
  return statuses[failure.kind];
}

/**
 * Admin API error body, `{ code, message, requestId }` with HTTP 200 as the service answers.
 * With wx-server-sdk 4.0.2, node-sdk throws on it (throwOnCode is on), so the calling function
 * catches errCode -1 and errMsg "callFunction:fail <message>"; older SDKs mapped `code` through
 * TCB_ERR_CODE (FUNCTIONS_EXECUTE_FAIL -> -504002).
 */
export function adminErrorBody(failure: FunctionFailure, requestId: string): WireError {
  const codes: Record<FailureKind, AdminErrorCode> = {
    execution: 'FUNCTIONS_EXECUTE_FAIL',
    timeout: 'FUNCTIONS_EXECUTE_FAIL',
    memory: 'FUNCTIONS_MEMORY_LIMIT_EXCEEDED',
    response_too_large: 'FUNCTIONS_EXECUTE_FAIL',
    not_found: 'OPERATION_FAIL',
    invalid_request: 'INVALID_PARAM',
  };
  const message = failure.kind === 'not_found' ? `[FUNCTION_NOT_FOUND] ${failure.message}` : failure.message;
  return { code: codes[failure.kind], message, requestId };
}
