/**
 * The instances of one function, as the platform manages them: each instance serves one call at a
 * time; a call takes an idle (warm) instance if there is one, else starts a new one (cold) while
 * fewer than `maxInstances` exist, else waits in a queue. An instance left idle for `idleTimeoutMs`
 * is retired. An instance whose call broke it (timeout, crash, exit) is retired at once.
 *
 * Knows nothing of processes: instances are behind the `PoolInstance` interface.
 */

export const InstanceState = {
  Starting: 'starting',
  Idle: 'idle',
  Busy: 'busy',
  Retiring: 'retiring',
  Stopped: 'stopped',
} as const;
export type InstanceState = (typeof InstanceState)[keyof typeof InstanceState];

export interface InstanceResult<Res> {
  value: Res;
  /** false when the call left the instance unusable (it was terminated, crashed or exited). */
  reusable: boolean;
}

export interface PoolInstance<Req, Res> {
  start(): Promise<void>;
  invoke(request: Req): Promise<InstanceResult<Res>>;
  stop(): Promise<void>;
  /** Tells the pool when the instance broke between calls (exited, or went past its memory). */
  onBroken?(listener: () => void): void;
}

export interface StateChange {
  instanceId: string;
  from: InstanceState | null;
  to: InstanceState;
}

export interface PoolOptions<Req, Res> {
  maxInstances: number;
  idleTimeoutMs: number;
  createInstance(instanceId: string): PoolInstance<Req, Res>;
  onStateChange?(change: StateChange): void;
}

export interface PoolRun<Res> {
  value: Res;
  instanceId: string;
  coldStart: boolean;
}

interface Slot<Req, Res> {
  id: string;
  instance: PoolInstance<Req, Res>;
  state: InstanceState;
  idleTimer?: NodeJS.Timeout;
}

interface Grant<Req, Res> {
  slot: Slot<Req, Res>;
  coldStart: boolean;
}

interface Waiter<Req, Res> {
  resolve(grant: Grant<Req, Res>): void;
  reject(error: unknown): void;
}

export class PoolStoppedError extends Error {
  constructor() {
    super('the function runtime is stopping');
  }
}

export class InstancePool<Req, Res> {
  private readonly slots = new Map<string, Slot<Req, Res>>();
  private readonly waiters: Waiter<Req, Res>[] = [];
  private nextId = 1;
  private stopping = false;
  private draining = false;

  constructor(private readonly options: PoolOptions<Req, Res>) {}

  /** Runs one request on an instance, waiting for one if all are busy. */
  async run(request: Req): Promise<PoolRun<Res>> {
    const { slot, coldStart } = await this.acquire();
    let reusable = false;
    try {
      const result = await slot.instance.invoke(request);
      reusable = result.reusable;
      return { value: result.value, instanceId: slot.id, coldStart };
    } finally {
      this.release(slot, reusable);
    }
  }

  /** Current instances and their states (stopped ones are gone). */
  snapshot(): Array<{ instanceId: string; state: InstanceState }> {
    return [...this.slots.values()].map((slot) => ({ instanceId: slot.id, state: slot.state }));
  }

  get queued(): number {
    return this.waiters.length;
  }

  /** Retires idle instances now and busy ones when their call (and any queued call) is done. */
  async drain(): Promise<void> {
    this.draining = true;
    const idle = [...this.slots.values()].filter((slot) => slot.state === InstanceState.Idle);
    await Promise.all(idle.map((slot) => this.retire(slot)));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new PoolStoppedError());
    await Promise.all([...this.slots.values()].map((slot) => this.retire(slot)));
  }

  private acquire(): Promise<Grant<Req, Res>> {
    if (this.stopping) return Promise.reject(new PoolStoppedError());
    const idle = [...this.slots.values()].filter((slot) => slot.state === InstanceState.Idle).pop();
    if (idle) {
      clearTimeout(idle.idleTimer);
      this.setState(idle, InstanceState.Busy);
      return Promise.resolve({ slot: idle, coldStart: false });
    }
    if (this.slots.size < this.options.maxInstances) return this.startNew();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private async startNew(): Promise<Grant<Req, Res>> {
    const id = `${this.nextId++}`;
    const slot: Slot<Req, Res> = { id, instance: this.options.createInstance(id), state: InstanceState.Starting };
    this.slots.set(id, slot);
    this.emit({ instanceId: id, from: null, to: InstanceState.Starting });
    slot.instance.onBroken?.(() => {
      if (slot.state === InstanceState.Idle) void this.retire(slot);
    });
    try {
      await slot.instance.start();
    } catch (error) {
      await this.retire(slot);
      throw error;
    }
    this.setState(slot, InstanceState.Busy);
    return { slot, coldStart: true };
  }

  private release(slot: Slot<Req, Res>, reusable: boolean): void {
    if (reusable && !this.stopping) {
      const waiter = this.waiters.shift();
      if (waiter) return waiter.resolve({ slot, coldStart: false });
      if (this.draining) return void this.retire(slot);
      this.setState(slot, InstanceState.Idle);
      slot.idleTimer = setTimeout(() => void this.retire(slot), this.options.idleTimeoutMs);
      slot.idleTimer.unref();
      return;
    }
    void this.retire(slot).then(() => this.serveWaiter());
  }

  /** After an instance was retired, a waiting call may start a fresh one. */
  private serveWaiter(): void {
    if (this.stopping || this.slots.size >= this.options.maxInstances) return;
    const waiter = this.waiters.shift();
    if (waiter) this.startNew().then(waiter.resolve, waiter.reject);
  }

  private async retire(slot: Slot<Req, Res>): Promise<void> {
    if (slot.state === InstanceState.Retiring || slot.state === InstanceState.Stopped) return;
    clearTimeout(slot.idleTimer);
    this.setState(slot, InstanceState.Retiring);
    try {
      await slot.instance.stop();
    } finally {
      this.slots.delete(slot.id);
      this.setState(slot, InstanceState.Stopped);
    }
  }

  private setState(slot: Slot<Req, Res>, to: InstanceState): void {
    const from = slot.state;
    slot.state = to;
    this.emit({ instanceId: slot.id, from, to });
  }

  private emit(change: StateChange): void {
    this.options.onStateChange?.(change);
  }
}
