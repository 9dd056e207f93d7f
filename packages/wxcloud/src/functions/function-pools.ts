/**
 * One instance pool per function, replaced (the old one drained, calls in flight finish) when the
 * function's index.js is rebuilt, so new calls get instances of the new code. While debugging
 * (`inspectPort`), each function runs one instance at a time and each instance gets a port of its own.
 */
import type { FunctionDefinition } from './discovery';
import { InstancePool, InstanceState, type StateChange } from './instance-pool';
import type { InvokeMessage } from './instance-protocol';
import { InspectorPorts } from './inspector-ports';
import { ProcessInstance, type CallResult, type InstanceLimits, type LogSink } from './process-instance';

export type Pool = InstancePool<InvokeMessage, CallResult>;

export interface InspectorListening {
  functionName: string;
  instanceId: string;
  port: number;
  /** Where a debugger attaches, or null when the inspector could not start (`error` says why). */
  url: string | null;
  error?: string;
}

export interface FunctionPoolsOptions {
  maxInstances: number;
  idleTimeoutMs: number;
  instanceLimits: InstanceLimits;
  functionEnv?: Record<string, Record<string, string>>;
  /** Debuggers may attach to the instances, from this port on. */
  inspectPort?: number;
  codeCacheDir: string | null;
  appendLog: LogSink;
  onStateChange(functionName: string, change: StateChange): void;
  onInspectorListening?(listening: InspectorListening): void;
}

export class FunctionPools {
  private readonly pools = new Map<string, { version: number; pool: Pool }>();
  private readonly inspectorPorts?: InspectorPorts;

  constructor(private readonly options: FunctionPoolsOptions) {
    if (options.inspectPort !== undefined) this.inspectorPorts = new InspectorPorts(options.inspectPort);
  }

  /** The pool running the current version of `definition`. */
  poolFor(definition: FunctionDefinition): Pool {
    const existing = this.pools.get(definition.name);
    if (existing?.version === definition.entryVersion) return existing.pool;
    if (existing) void existing.pool.drain(); // index.js was rebuilt: new calls get fresh instances
    const { options } = this;
    const ports = new Map<string, number>();
    const pool: Pool = new InstancePool({
      maxInstances: this.inspectorPorts ? 1 : options.maxInstances,
      idleTimeoutMs: options.idleTimeoutMs,
      createInstance: (instanceId) => this.createInstance(definition, instanceId, ports),
      onStateChange: (change) => {
        const port = ports.get(change.instanceId);
        if (change.to === InstanceState.Stopped && port !== undefined) this.inspectorPorts?.release(port);
        options.onStateChange(definition.name, change);
      },
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

  private createInstance(
    definition: FunctionDefinition,
    instanceId: string,
    ports: Map<string, number>,
  ): ProcessInstance {
    const { options } = this;
    const port = this.inspectorPorts?.take();
    if (port !== undefined) ports.set(instanceId, port);
    const announce = (listening: Pick<InspectorListening, 'url' | 'error'>) =>
      port !== undefined &&
      options.onInspectorListening?.({ functionName: definition.name, instanceId, port, ...listening });
    const inspector =
      port === undefined
        ? undefined
        : {
            port,
            onListening: (url: string) => announce({ url }),
            onUnavailable: (error: string) => announce({ url: null, error }),
          };
    return new ProcessInstance({
      definition,
      onLog: options.appendLog,
      limits: options.instanceLimits,
      functionEnv: options.functionEnv?.[definition.name],
      inspector,
      codeCacheDir: options.codeCacheDir,
    });
  }
}
