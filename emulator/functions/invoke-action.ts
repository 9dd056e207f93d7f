/**
 * The admin action @cloudbase/node-sdk sends when a function calls `cloud.callFunction`:
 *   POST <TCB_CONTEXT_CNFG.URL>  { action: "functions.invokeFunction", function_name, request_data: "<JSON>", ... }
 *   header X-TCB-Source: "<caller's TCB_SOURCE>,scf"
 * The SDK parses `{ requestId, data: { response_data: "<JSON of the result>" } }`, or an error
 * `{ code, message, requestId }` (answered with HTTP 200: any other status becomes a generic error).
 * The callee runs with no user context, as on the platform; its SOURCE is the caller chain.
 *
 * @example
 *   startEmulator({ extraActions: createFunctionActions(runtime) })
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { sourceFromHeader } from './invocation-env';
import { adminErrorBody } from './platform-errors';
import type { FunctionRuntime } from './runtime';

export const INVOKE_FUNCTION_ACTION = 'functions.invokeFunction';

/** An entry of the emulator's `POST /admin` action table: the parsed JSON body and the request. */
export type AdminActionHandler = (params: Record<string, unknown>, c: Context) => Promise<Record<string, unknown>>;

const InvokeParamsSchema = z
  .object({
    function_name: z.string().min(1),
    request_data: z.string().optional(),
  })
  .passthrough();

export function createInvokeFunctionAction(runtime: FunctionRuntime): AdminActionHandler {
  return async (params, c) => {
    const parsed = InvokeParamsSchema.safeParse(params);
    if (!parsed.success) {
      return adminErrorBody({ kind: 'invalid_request', message: z.prettifyError(parsed.error) }, '');
    }
    const event = parseRequestData(parsed.data.request_data);
    if (event === undefined) {
      return adminErrorBody({ kind: 'invalid_request', message: 'request_data is not JSON' }, '');
    }
    const source = sourceFromHeader(c.req.header('x-tcb-source'));
    const outcome = await runtime.invoke(parsed.data.function_name, event, { source });
    if (!outcome.ok) return adminErrorBody(outcome.error, outcome.requestId);
    return { requestId: outcome.requestId, data: { response_data: JSON.stringify(outcome.result) } };
  };
}

/** node-sdk sends '' when callFunction has no data. */
function parseRequestData(text: string | undefined): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The action table entries this part adds to the emulator's admin endpoint. */
export function createFunctionActions(runtime: FunctionRuntime): Record<string, AdminActionHandler> {
  return { [INVOKE_FUNCTION_ACTION]: createInvokeFunctionAction(runtime) };
}
