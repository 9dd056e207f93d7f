/**
 * The function runtime: finds the project's functions, keeps a pool of worker instances per
 * function, runs each call with the caller's context and records it in the invocation log.
 * HTTP adapters (client-endpoint.ts, invoke-action.ts) sit on top of `invoke`.
 *
 * @example
 *   const runtime = createFunctionRuntime({ projectRoot: '.', adminUrl: `${base}/admin` });
 *   const outcome = await runtime.invoke('login', {}, { user: { OPENID: 'o1', APPID: 'wx1' }, source: 'wx_client' });
 *   runtime.subscribe((event) => event.type === 'invocation' && console.log(formatInvocation(event.record).join('\n')));
 */
import { randomUUID } from 'node:crypto';
import { discoverFunctions, functionsRootFromProject, readFunction, type FunctionDefinition } from './discovery';
import { InstancePool } from './instance-pool';
import { buildContextFields, buildInvocationEnv, type CallerContext } from './invocation-env';
import { InvocationLog, recordedJson, type InvocationRecord, type LogLine, type RuntimeListener } from './invocation-log';
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
import { WorkerInstance, type CallResult } from './worker-instance';
import type { InvokeMessage, LogLevel, SerializedError } from './worker-protocol';

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
  /** Environment variables of each function, by name (what 云开发控制台 → 函数配置 → 环境变量 sets). */
  functionEnv?: Record<string, Record<string, string>>;
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

type Pool = InstancePool<InvokeMessage, CallResult>;
type Execution = { coldStart: boolean | null; instanceId: string | null; result?: unknown; failure?: FunctionFailure };

export function createFunctionRuntime(options: FunctionRuntimeOptions): FunctionRuntime {
  const functionsRoot = options.functionsRoot ?? functionsRootFromProject(options.projectRoot ?? process.cwd());
  const envId = options.envId ?? limits.DEFAULT_ENV_ID;
  const initTimeoutMs = options.initTimeoutMs ?? limits.INIT_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? limits.MAX_RESPONSE_BYTES;
  const log = new InvocationLog(options.logCapacity ?? limits.DEFAULT_LOG_CAPACITY);
  const pools = new Map<string, { version: number; pool: Pool }>();
  const liveLogs = new Map<string, LogLine[]>();
  let stopped = false;

  const logBytes = new WeakMap<LogLine[], number>();
  /** Keeps an invocation's output up to MAX_INVOCATION_LOG_BYTES, then one note: a chatty function cannot fill the host. */
  const appendLog = (requestId: string | null, level: LogLevel, text: string): void => {
    const lines = requestId ? liveLogs.get(requestId) : undefined;
    if (!lines) return;
    const used = logBytes.get(lines) ?? 0;
    if (used > limits.MAX_INVOCATION_LOG_BYTES) return;
    const total = used + Buffer.byteLength(text);
    logBytes.set(lines, total);
    if (total <= limits.MAX_INVOCATION_LOG_BYTES) lines.push({ level, text, at: Date.now() });
    else lines.push({ level: 'warn', text: `[further output of this invocation dropped: more than ${limits.MAX_INVOCATION_LOG_BYTES} bytes]`, at: Date.now() });
  };

  function poolFor(definition: FunctionDefinition): Pool {
    const existing = pools.get(definition.name);
    if (existing?.version === definition.entryVersion) return existing.pool;
    if (existing) void existing.pool.drain(); // index.js was rebuilt: new calls get fresh instances
    const pool: Pool = new InstancePool({
      maxInstances: options.maxInstancesPerFunction ?? limits.DEFAULT_MAX_INSTANCES,
      idleTimeoutMs: options.idleTimeoutMs ?? limits.DEFAULT_IDLE_TIMEOUT_MS,
      createInstance: () => new WorkerInstance(definition, appendLog, { initTimeoutMs, maxResponseBytes }, options.functionEnv?.[definition.name]),
      onStateChange: (change) => log.emit({ type: 'instance', functionName: definition.name, ...change }),
    });
    pools.set(definition.name, { version: definition.entryVersion, pool });
    return pool;
  }

  async function execute(name: string, event: unknown, caller: CallerContext, requestId: string): Promise<Execution> {
    const none = { coldStart: null, instanceId: null };
    if (stopped) return { ...none, failure: { kind: 'execution', message: 'Error: the emulator is stopping' } };
    let definition: FunctionDefinition | undefined;
    try {
      definition = readFunction(functionsRoot, name);
    } catch (error) {
      return { ...none, failure: { kind: 'execution', message: `Error: ${(error as Error).message}` } };
    }
    if (!definition) return { ...none, failure: { kind: 'not_found', message: NOT_FOUND_MESSAGE } };
    const eventJson = JSON.stringify(event ?? {});
    if (Buffer.byteLength(eventJson) > limits.MAX_EVENT_BYTES) {
      const message = `RequestTooLarge: the event is larger than ${limits.MAX_EVENT_BYTES} bytes`;
      return { ...none, failure: { kind: 'invalid_request', message } };
    }
    const setting = {
      requestId,
      functionName: name,
      envId,
      adminUrl: options.adminUrl,
      timeoutMs: definition.timeoutSeconds * 1000,
      memoryMb: definition.memoryMb,
    };
    const env = buildInvocationEnv(caller, setting);
    const message: InvokeMessage = { type: 'invoke', requestId, event: JSON.parse(eventJson), env, context: buildContextFields(env, setting) };
    try {
      const run = await poolFor(definition).run(message);
      return { coldStart: run.coldStart, instanceId: run.instanceId, ...interpret(run.value, definition, requestId) };
    } catch (error) {
      return { ...none, failure: { kind: 'execution', message: `Error: ${(error as Error).message}` } };
    }
  }

  function interpret(value: CallResult, definition: FunctionDefinition, requestId: string): Omit<Execution, 'coldStart' | 'instanceId'> {
    switch (value.status) {
      case 'ok':
        return { result: JSON.parse(value.json) };
      case 'timeout':
        return { failure: { kind: 'timeout', message: value.phase === 'init' ? initTimeoutMessage(initTimeoutMs / 1000) : timeoutMessage(definition.timeoutSeconds) } };
      case 'memory':
        appendLog(requestId, 'error', memoryLimitMessage(definition.memoryMb, value.usedBytes));
        return { failure: { kind: 'memory', message: memoryLimitMessage(definition.memoryMb, value.usedBytes) } };
      case 'response-too-large':
        appendLog(requestId, 'error', `the result is ${value.responseBytes} bytes; the platform carries back at most ${maxResponseBytes}`);
        return { failure: { kind: 'response_too_large', message: RESPONSE_TOO_LARGE_MESSAGE } };
      case 'error':
      case 'crashed':
        appendLog(requestId, 'error', value.error.stack ?? errorText(value.error));
        return { failure: { kind: 'execution', message: errorText(value.error) } };
    }
  }

  async function invoke(name: string, event: unknown, caller: CallerContext = {}): Promise<InvocationOutcome> {
    const requestId = randomUUID();
    const startedAt = Date.now();
    const began = performance.now();
    const logs: LogLine[] = [];
    liveLogs.set(requestId, logs);
    const execution = await execute(name, event, caller, requestId).finally(() => liveLogs.delete(requestId));
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
      source: caller.source,
      openid: caller.user?.OPENID,
      appid: caller.user?.APPID,
      unionid: caller.user?.UNIONID,
      eventJson: recordedJson(event ?? {}, limits.MAX_RECORDED_JSON_CHARS),
      resultJson: recordedJson(execution.result, limits.MAX_RECORDED_JSON_CHARS),
    });
    const base = { requestId, functionName: name, coldStart, durationMs, logs };
    return failure ? { ...base, ok: false, error: failure } : { ...base, ok: true, result: execution.result };
  }

  return {
    functionsRoot,
    listFunctions: () => discoverFunctions(functionsRoot),
    invoke,
    instances: (name) => pools.get(name)?.pool.snapshot() ?? [],
    recentInvocations: (limit) => log.recent(limit),
    invocation: (requestId) => log.get(requestId),
    subscribe: (listener) => log.subscribe(listener),
    clearInvocations: () => log.clear(),
    async stop() {
      stopped = true;
      await Promise.all([...pools.values()].map(({ pool }) => pool.stop()));
    },
  };
}

/** The error as the platform prints it in errMsg: "Error: boom", "TypeError: x is not a function". */
function errorText(error: SerializedError): string {
  return `${error.name}: ${error.message}`;
}
