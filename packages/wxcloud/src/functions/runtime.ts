/**
 * The function runtime: finds the project's functions, keeps a pool of instances (child processes) per
 * function, runs each call with the caller's context and records it in the invocation log.
 * HTTP adapters (client-endpoint.ts, invoke-action.ts) sit on top of `invoke`.
 *
 * @example
 *   const runtime = createFunctionRuntime({ projectRoot: '.', adminUrl: `${base}/admin` });
 *   const outcome = await runtime.invoke('login', {}, { user: { OPENID: 'o1', APPID: 'wx1' }, source: 'wx_client' });
 *   runtime.subscribe(
 *     (event) => event.type === 'invocation' && console.log(formatInvocation(event.record).join('\n')),
 *   );
 */
import { defaultCodeCacheDir } from './code-cache';
import { randomUUID } from 'node:crypto';
import { discoverFunctions, functionsRootFromProject, readFunction, type FunctionDefinition } from './discovery';
import { FunctionPools } from './function-pools';
import { buildContextFields, buildInvocationEnv, type CallerContext } from './invocation-env';
import {
  eventJsonOf,
  InvocationLog,
  recordedJson,
  type InvocationRecord,
  type LogLine,
  type RuntimeListener,
} from './invocation-log';
import { LiveLogs } from './live-logs';
import * as limits from './limits';
import {
  initTimeoutMessage,
  memoryLimitMessage,
  NOT_FOUND_MESSAGE,
  RESPONSE_TOO_LARGE_MESSAGE,
  resultCode,
  timeoutMessage,
  type FunctionFailure,
} from './platform-errors';
import type { CallResult } from './process-instance';
import type { InvokeMessage, SerializedError } from './instance-protocol';

export interface FunctionRuntimeOptions {
  /** Folder holding one folder per function. Default: cloudfunctionRoot of `<projectRoot>/project.config.json`. */
  functionsRoot?: string;
  /** Default: process.cwd(). */
  projectRoot?: string;
  /** URL of the emulator's admin endpoint (database, callFunction), given to functions as TCB_CONTEXT_CNFG. */
  adminUrl: string;
  envId?: string;
  maxInstancesPerFunction?: number;
  idleTimeoutMs?: number;
  logCapacity?: number;
  /** Time allowed to load index.js (default INIT_TIMEOUT_MS). */
  initTimeoutMs?: number;
  /** Largest result carried back (default the platform's 6 MB). */
  maxResponseBytes?: number;
  /**
   * Environment variables of each function, by name (what 云开发控制台 → 函数配置 → 环境变量 sets).
   */
  functionEnv?: Record<string, Record<string, string>>;
  /**
   * Lets a debugger attach (`--inspect-functions`): each instance listens on a port from this one
   * on, one instance per function, and no timeout stops a call held at a breakpoint.
   */
  inspectPort?: number;
  /** Where instances keep their entry file's V8 code cache (code-cache.ts). Default: the temp folder's; null: none. */
  codeCacheDir?: string | null;
}

export type InvocationOutcome = {
  requestId: string;
  functionName: string;
  coldStart: boolean | null;
  durationMs: number;
  logs: LogLine[];
} & ({ ok: true; result: unknown } | { ok: false; error: FunctionFailure });

export interface FunctionRuntime {
  readonly functionsRoot: string;
  listFunctions(): FunctionDefinition[];
  invoke(name: string, event: unknown, caller?: CallerContext): Promise<InvocationOutcome>;
  /** Instances of one function and their states. */
  instances(name: string): Array<{ instanceId: string; state: string }>;
  /** Invocation records, newest last (an in-memory ring buffer). */
  recentInvocations(limit?: number): InvocationRecord[];
  invocation(requestId: string): InvocationRecord | undefined;
  /** Invocation records and instance state changes as they happen; returns an unsubscribe function. */
  subscribe(listener: RuntimeListener): () => void;
  /** Forgets the invocation records (warm instances stay, as deployed code does). */
  clearInvocations(): void;
  stop(): Promise<void>;
}

type Execution = { coldStart: boolean | null; instanceId: string | null; result?: unknown; failure?: FunctionFailure };

/** What one runtime's invocations share. */
interface RuntimeParts {
  functionsRoot: string;
  envId: string;
  adminUrl: string;
  initTimeoutMs: number;
  maxResponseBytes: number;
  pools: FunctionPools;
  liveLogs: LiveLogs;
  isStopped(): boolean;
}

export function createFunctionRuntime(options: FunctionRuntimeOptions): FunctionRuntime {
  const initTimeoutMs = options.initTimeoutMs ?? limits.INIT_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? limits.MAX_RESPONSE_BYTES;
  const log = new InvocationLog(options.logCapacity ?? limits.DEFAULT_LOG_CAPACITY);
  const liveLogs = new LiveLogs();
  let stopped = false;
  const parts: RuntimeParts = {
    functionsRoot: options.functionsRoot ?? functionsRootFromProject(options.projectRoot ?? process.cwd()),
    envId: options.envId ?? limits.DEFAULT_ENV_ID,
    adminUrl: options.adminUrl,
    initTimeoutMs,
    maxResponseBytes,
    liveLogs,
    isStopped: () => stopped,
    pools: new FunctionPools({
      maxInstances: options.maxInstancesPerFunction ?? limits.DEFAULT_MAX_INSTANCES,
      idleTimeoutMs: options.idleTimeoutMs ?? limits.DEFAULT_IDLE_TIMEOUT_MS,
      instanceLimits: { initTimeoutMs, maxResponseBytes },
      functionEnv: options.functionEnv,
      inspectPort: options.inspectPort,
      codeCacheDir: options.codeCacheDir === undefined ? defaultCodeCacheDir() : options.codeCacheDir,
      appendLog: liveLogs.append,
      onStateChange: (functionName, change) => log.emit({ type: 'instance', functionName, ...change }),
      onInspectorListening: (listening) => log.emit({ type: 'inspector', ...listening }),
    }),
  };
  return {
    functionsRoot: parts.functionsRoot,
    listFunctions: () => discoverFunctions(parts.functionsRoot),
    invoke: (name, event, caller = {}) => invoke(parts, log, name, event, caller),
    instances: (name) => parts.pools.snapshot(name),
    recentInvocations: (limit) => log.recent(limit),
    invocation: (requestId) => log.get(requestId),
    subscribe: (listener) => log.subscribe(listener),
    clearInvocations: () => log.clear(),
    async stop() {
      stopped = true;
      await parts.pools.stop();
    },
  };
}

/** Runs one call and records it in the invocation log. */
async function invoke(
  parts: RuntimeParts,
  log: InvocationLog,
  name: string,
  event: unknown,
  caller: CallerContext,
): Promise<InvocationOutcome> {
  const requestId = randomUUID();
  const startedAt = Date.now();
  const began = performance.now();
  const logs = parts.liveLogs.begin(requestId);
  const execution = await execute(parts, name, event, caller, requestId).finally(() => parts.liveLogs.end(requestId));
  const durationMs = performance.now() - began;
  const { coldStart, instanceId, failure } = execution;
  log.addInvocation({
    requestId,
    functionName: name,
    instanceId,
    coldStart,
    startedAt,
    durationMs,
    logs,
    resultCode: resultCode(failure),
    errorMessage: failure?.message,
    source: caller.source ?? caller.trigger,
    openid: caller.user?.OPENID,
    appid: caller.user?.APPID,
    unionid: caller.user?.UNIONID,
    eventJson: recordedJson(event ?? {}, limits.MAX_RECORDED_JSON_CHARS),
    resultJson: recordedJson(execution.result, limits.MAX_RECORDED_JSON_CHARS),
  });
  const base = { requestId, functionName: name, coldStart, durationMs, logs };
  return failure ? { ...base, ok: false, error: failure } : { ...base, ok: true, result: execution.result };
}

type Prepared = { definition: FunctionDefinition; message: InvokeMessage } | { failure: FunctionFailure };

/** The function's definition and the message its instance gets, or why the call cannot run. */
function prepare(
  parts: RuntimeParts,
  name: string,
  event: unknown,
  caller: CallerContext,
  requestId: string,
): Prepared {
  if (parts.isStopped()) return { failure: { kind: 'execution', message: 'Error: the emulator is stopping' } };
  let definition: FunctionDefinition | undefined;
  try {
    definition = readFunction(parts.functionsRoot, name);
  } catch (error) {
    return { failure: { kind: 'execution', message: `Error: ${(error as Error).message}` } };
  }
  if (!definition) return { failure: { kind: 'not_found', message: NOT_FOUND_MESSAGE } };
  const eventJson = eventJsonOf(event ?? {});
  if (eventJson === undefined) {
    return {
      failure: { kind: 'invalid_request', message: 'InvalidParameter: the event is nested too deeply to serialize' },
    };
  }
  if (Buffer.byteLength(eventJson) > limits.MAX_EVENT_BYTES) {
    return {
      failure: {
        kind: 'invalid_request',
        message: `RequestTooLarge: the event is larger than ${limits.MAX_EVENT_BYTES} bytes`,
      },
    };
  }
  const setting = {
    requestId,
    functionName: name,
    envId: parts.envId,
    adminUrl: parts.adminUrl,
    timeoutMs: definition.timeoutSeconds * 1000,
    memoryMb: definition.memoryMb,
  };
  const env = buildInvocationEnv(caller, setting);
  return {
    definition,
    message: {
      type: 'invoke',
      requestId,
      eventJson,
      env,
      context: buildContextFields(env, setting),
    },
  };
}

async function execute(
  parts: RuntimeParts,
  name: string,
  event: unknown,
  caller: CallerContext,
  requestId: string,
): Promise<Execution> {
  const none = { coldStart: null, instanceId: null };
  const prepared = prepare(parts, name, event, caller, requestId);
  if ('failure' in prepared) return { ...none, failure: prepared.failure };
  try {
    const run = await parts.pools.poolFor(prepared.definition).run(prepared.message);
    const logError = (level: 'error', text: string) => parts.liveLogs.append(requestId, level, text);
    return {
      coldStart: run.coldStart,
      instanceId: run.instanceId,
      ...interpret(run.value, prepared.definition, parts, logError),
    };
  } catch (error) {
    return { ...none, failure: { kind: 'execution', message: `Error: ${(error as Error).message}` } };
  }
}

/** What an instance's answer means for the caller; the details of a failure go to the invocation's log. */
function interpret(
  value: CallResult,
  definition: FunctionDefinition,
  parts: Pick<RuntimeParts, 'initTimeoutMs' | 'maxResponseBytes'>,
  logError: (level: 'error', text: string) => void,
): Omit<Execution, 'coldStart' | 'instanceId'> {
  switch (value.status) {
    case 'ok':
      return { result: JSON.parse(value.json) };
    case 'timeout':
      return {
        failure: {
          kind: 'timeout',
          message:
            value.phase === 'init'
              ? initTimeoutMessage(parts.initTimeoutMs / 1000)
              : timeoutMessage(definition.timeoutSeconds),
        },
      };
    case 'memory':
      logError('error', memoryLimitMessage(definition.memoryMb, value.usedBytes));
      return { failure: { kind: 'memory', message: memoryLimitMessage(definition.memoryMb, value.usedBytes) } };
    case 'response-too-large':
      logError(
        'error',
        `the result is ${value.responseBytes} bytes; the platform carries back at most ${parts.maxResponseBytes}`,
      );
      return { failure: { kind: 'response_too_large', message: RESPONSE_TOO_LARGE_MESSAGE } };
    case 'error':
    case 'crashed':
      logError('error', value.error.stack ?? errorText(value.error));
      return { failure: { kind: 'execution', message: errorText(value.error) } };
  }
}

/** The error as the platform prints it in errMsg: "Error: boom", "TypeError: x is not a function". */
function errorText(error: SerializedError): string {
  return `${error.name}: ${error.message}`;
}
