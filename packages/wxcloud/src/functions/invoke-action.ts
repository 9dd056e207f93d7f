/**
 * The admin action @cloudbase/node-sdk sends when a function calls `cloud.callFunction`:
 *   POST <TCB_CONTEXT_CNFG.URL>  { action: "functions.invokeFunction", function_name, request_data: "<JSON>", ... }
 *   header X-TCB-Source: "<caller's TCB_SOURCE>,scf"
 * The SDK parses `{ requestId, data: { response_data: "<JSON of the result>" } }`, or an error
 * `{ code, message, requestId }` (answered with HTTP 200: any other status becomes a generic error).
 * The callee runs with no user context, as on the platform; its SOURCE is the caller chain.
 *
 * The entry has the shape of the emulator's action table (host/actions.ts).
 */
import { z } from 'zod';
import type { ActionDefinition, ActionTable } from '../host/actions';
import { sourceFromHeader } from './invocation-env';
import { adminErrorBody } from './platform-errors';
import type { FunctionRuntime } from './runtime';

export const INVOKE_FUNCTION_ACTION = 'functions.invokeFunction';

export const InvokeFunctionParamsSchema = z
  .object({
    function_name: z.string().min(1),
    /** JSON of the callee's event; node-sdk sends '' when callFunction has no data. */
    request_data: z.string().optional(),
  })
  .passthrough();
export type InvokeFunctionParams = z.infer<typeof InvokeFunctionParamsSchema>;

export function createInvokeFunctionAction(runtime: FunctionRuntime): ActionDefinition<InvokeFunctionParams> {
  return {
    schema: InvokeFunctionParamsSchema,
    async handle(params, context) {
      const event = parseRequestData(params.request_data);
      if (event === undefined)
        return {
          ...adminErrorBody({ kind: 'invalid_request', message: 'request_data is not JSON' }, context.requestId),
        };
      const source = sourceFromHeader(context.headers['x-tcb-source']);
      const outcome = await runtime.invoke(params.function_name, event, { source });
      if (!outcome.ok) return { ...adminErrorBody(outcome.error, outcome.requestId) };
      return { requestId: outcome.requestId, data: { response_data: JSON.stringify(outcome.result) } };
    },
  };
}

function parseRequestData(text: string | undefined): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The action table entries this part adds to the emulator's admin endpoint. */
export function createFunctionActions(runtime: FunctionRuntime): ActionTable {
  return { [INVOKE_FUNCTION_ACTION]: createInvokeFunctionAction(runtime) };
}
