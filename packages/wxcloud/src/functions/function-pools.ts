/**
 * One instance pool per function, replaced (the old one drained, calls in flight finish) when the
 * function's index.js is rebuilt, so new calls get instances of the new code.
 */
import type { FunctionDefinition } from './discovery';
import { InstancePool, type StateChange } from './instance-pool';
import { WorkerInstance, type CallResult, type InstanceLimits, type LogSink } from './worker-instance';
import type { InvokeMessage } from './worker-protocol';

export type Pool = InstancePool<InvokeMessage, CallResult>;

export interface FunctionPoolsOptions {
  maxInstances: number;
  idleTimeoutMs: number;
  workerLimits: InstanceLimits;
  functionEnv?: Record<string, Record<string, string>>;
  appendLog: LogSink;
  onStateChange(functionName: string, change: StateChange): void;
}

export class FunctionPools {
  private readonly pools = new Map<string, { version: number; pool: Pool }>();

  constructor(private readonly options: FunctionPoolsOptions) {}

  /** The pool running the current version of `definition`. */
  poolFor(definition: FunctionDefinition): Pool {
    const existing = this.pools.get(definition.name);
    if (existing?.version === definition.entryVersion) return existing.pool;
    if (existing) void existing.pool.drain(); // index.js was rebuilt: new calls get fresh instances
    const { options } = this;
    const pool: Pool = new InstancePool({
      maxInstances: options.maxInstances,
      idleTimeoutMs: options.idleTimeoutMs,
      createInstance: () =>
        new WorkerInstance(definition, options.appendLog, options.workerLimits, options.functionEnv?.[definition.name]),
      onStateChange: (change) => options.onStateChange(definition.name, change),
    });
    this.pools.set(definition.name, { version: definition.entryVersion, pool });
    return pool;
  }

  snapshot(name: string): Array<{ instanceId: string; state: string }> {
    return this.pools.get(name)?.pool.snapshot() ?? [];
  }

  async stop(): Promise<void> {
    await Promise.all([...this.pools.values()].map(({ pool }) => pool.stop()));
  }
}
