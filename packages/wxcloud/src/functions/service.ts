/**
 * Cloud functions as an emulated service: the runtime (one child process per instance), the client
 * endpoint `POST /functions/:name` (wx.cloud.callFunction of a simulated user) and the admin action
 * `functions.invokeFunction` (cloud.callFunction from inside a function). Reset forgets the
 * invocation records; warm instances stay, as deployed code does.
 */
import type { EmulatorService, Host, ServiceFactory } from '../host/service';
import { registerClientEndpoint, type PrepareClientData } from './client-endpoint';
import { createFunctionActions } from './invoke-action';
import { MAX_CLIENT_CALL_BYTES } from './limits';
import { createFunctionRuntime, type FunctionRuntime, type FunctionRuntimeOptions } from './runtime';

export const FUNCTIONS_SERVICE = 'functions';

export type FunctionsServiceOptions = Omit<FunctionRuntimeOptions, 'adminUrl' | 'envId'> & {
  /** What the platform does to a phone's callFunction data first, given the host (to reach other services). */
  prepareClientData?: (host: Host) => PrepareClientData;
};

export interface FunctionsService extends EmulatorService {
  readonly runtime: FunctionRuntime;
}

export function functionsService(options: FunctionsServiceOptions = {}): ServiceFactory<FunctionsService> {
  return (host) => {
    const { prepareClientData, ...runtimeOptions } = options;
    const runtime = createFunctionRuntime({ ...runtimeOptions, envId: host.envId, adminUrl: host.adminUrl });
    return {
      name: FUNCTIONS_SERVICE,
      runtime,
      actions: createFunctionActions(runtime),
      bodyLimits: { '/functions/': MAX_CLIENT_CALL_BYTES },
      routes: (app) => registerClientEndpoint(app, runtime, prepareClientData?.(host)),
      reset: () => runtime.clearInvocations(),
      stop: () => runtime.stop(),
    };
  };
}
