/**
 * The function half of the emulator: runtime (one child process per instance), the client endpoint
 * (POST /functions/:name, wx.cloud.callFunction for a simulated user) and the admin action
 * `functions.invokeFunction` (cloud.callFunction from inside a function), served together by
 * `functionsService`.
 *
 * @example
 *   const emulator = await startEmulator({ services: [functionsService({ projectRoot })] });
 */
export { createFunctionRuntime } from './runtime';
export type { FunctionRuntime, FunctionRuntimeOptions, InvocationOutcome } from './runtime';
export { createClientEndpoint, registerClientEndpoint, ClientCallSchema } from './client-endpoint';
export type { ClientCall } from './client-endpoint';
export { createFunctionActions, createInvokeFunctionAction, INVOKE_FUNCTION_ACTION } from './invoke-action';
export type { InvokeFunctionParams } from './invoke-action';
export { functionsService, FUNCTIONS_SERVICE } from './service';
export type { FunctionsService, FunctionsServiceOptions } from './service';
export { formatInvocation } from './invocation-log';
export type { InvocationRecord, LogLine, RuntimeEvent, RuntimeListener } from './invocation-log';
export type { CallerContext, WxUser } from './invocation-env';
export { InstanceState } from './instance-pool';
export { discoverFunctions, functionsRootFromProject } from './discovery';
export type { FunctionDefinition } from './discovery';
export { CLIENT_ERROR_CODES } from './platform-errors';
export type { ClientErrorBody, FunctionFailure } from './platform-errors';
export * as functionLimits from './limits';
