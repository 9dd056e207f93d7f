/**
 * Cloud functions as an emulated service: the runtime (one child process per instance), the client
 * endpoint `POST /functions/:name` (wx.cloud.callFunction of a simulated user), the admin action
 * `functions.invokeFunction` (cloud.callFunction from inside a function) and the timer triggers
 * (checked at start: a bad one stops the start). Reset forgets the invocation records; warm
 * instances stay, as deployed code does.
 */
import path from 'node:path';
import type { EmulatorService, Host, ServiceFactory } from '../host/service';
import { registerClientEndpoint, type PrepareClientData } from './client-endpoint';
import { createFunctionActions } from './invoke-action';
import { MAX_CLIENT_CALL_BYTES } from './limits';
import {
  createFunctionRuntime,
  type FunctionRuntime,
  type FunctionRuntimeOptions,
  type InvocationOutcome,
} from './runtime';
import { readTimerTriggers } from './timer-triggers';
import { TimerTriggers } from './timers';

export const FUNCTIONS_SERVICE = 'functions';

export type FunctionsServiceOptions = Omit<FunctionRuntimeOptions, 'adminUrl' | 'envId'> & {
  /** What the platform does to a phone's callFunction data first, given the host (to reach other services). */
  prepareClientData?: (host: Host) => PrepareClientData;
  /** Run the timer triggers on their schedule (default true; when false they fire only on demand). */
  scheduleTimers?: boolean;
};

export interface FunctionsService extends EmulatorService {
  readonly runtime: FunctionRuntime;
  readonly timers: TimerTriggers<InvocationOutcome>;
}

export function functionsService(options: FunctionsServiceOptions = {}): ServiceFactory<FunctionsService> {
  return (host) => {
    const { prepareClientData, scheduleTimers = true, ...runtimeOptions } = options;
    const runtime = createFunctionRuntime({ ...runtimeOptions, envId: host.envId, adminUrl: host.adminUrl });
    const timers = createTimers(runtime, options.projectRoot ?? path.dirname(runtime.functionsRoot));
    if (scheduleTimers) timers.start();
    return {
      name: FUNCTIONS_SERVICE,
      runtime,
      timers,
      actions: createFunctionActions(runtime),
      bodyLimits: { '/functions/': MAX_CLIENT_CALL_BYTES },
      routes: (app) => registerClientEndpoint(app, runtime, prepareClientData?.(host)),
      reset: () => runtime.clearInvocations(),
      stop: () => (timers.stop(), runtime.stop()),
    };
  };
}

/** The project's timer triggers, each firing its function with no user. Throws on a bad trigger. */
function createTimers(runtime: FunctionRuntime, projectRoot: string): TimerTriggers<InvocationOutcome> {
  const names = runtime.listFunctions().map((definition) => definition.name);
  const triggers = readTimerTriggers(runtime.functionsRoot, names, projectRoot);
  return new TimerTriggers(triggers, (name, event) => runtime.invoke(name, event, { trigger: 'timer' }));
}
