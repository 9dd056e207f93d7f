/** Pool logic with an in-memory instance that counts its calls and the pool's state changes. */
import { InstancePool, InstanceState, PoolStoppedError, type PoolInstance, type StateChange } from './instance-pool';

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** Each call waits for its gate; `reusable: false` when the request says so. */
class FakeInstance implements PoolInstance<{ gate?: Promise<void>; breaks?: boolean }, string> {
  active = 0;
  maxActive = 0;
  calls = 0;
  stopped = false;

  constructor(
    readonly id: string,
    private readonly failStart = false,
  ) {}

  async start(): Promise<void> {
    if (this.failStart) throw new Error('cannot start');
  }

  async invoke(request: { gate?: Promise<void>; breaks?: boolean }) {
    this.active += 1;
    this.calls += 1;
    this.maxActive = Math.max(this.maxActive, this.active);
    await request.gate;
    this.active -= 1;
    return { value: this.id, reusable: !request.breaks };
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }

  broken?: () => void;
  onBroken(listener: () => void): void {
    this.broken = listener;
  }
}

function makePool(options: { maxInstances?: number; idleTimeoutMs?: number; failStart?: boolean } = {}) {
  const instances: FakeInstance[] = [];
  const changes: StateChange[] = [];
  const pool = new InstancePool({
    maxInstances: options.maxInstances ?? 2,
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    createInstance: (id) => {
      const instance = new FakeInstance(id, options.failStart);
      instances.push(instance);
      return instance;
    },
    onStateChange: (change) => changes.push(change),
  });
  const count = (to: InstanceState) => changes.filter((change) => change.to === to).length;
  return { pool, instances, changes, count };
}

/** Polls until `predicate` holds; gives up after two seconds so a broken pool fails instead of hanging. */
function waitFor(predicate: () => boolean): Promise<void> {
  const giveUpAt = Date.now() + 2000;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (predicate()) return resolve();
      if (Date.now() > giveUpAt) return reject(new Error('condition not reached'));
      setTimeout(poll, 2);
    };
    poll();
  });
}

describe('InstancePool', () => {
  it('starts a cold instance, then reuses it warm', async () => {
    const { pool, instances, count } = makePool();
    const first = await pool.run({});
    const second = await pool.run({});
    expect(first).toEqual({ value: '1', instanceId: '1', coldStart: true });
    expect(second).toEqual({ value: '1', instanceId: '1', coldStart: false });
    expect(instances).toHaveLength(1);
    expect([count(InstanceState.Starting), count(InstanceState.Busy), count(InstanceState.Idle)]).toEqual([1, 2, 2]);
    expect(pool.snapshot()).toEqual([{ instanceId: '1', state: InstanceState.Idle }]);
    await pool.stop();
  });

  it('runs one call at a time per instance and adds instances up to the limit, queueing the rest', async () => {
    const { pool, instances } = makePool({ maxInstances: 2 });
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const runs = gates.map((gate) => pool.run({ gate: gate.promise }));
    await waitFor(() => instances.length === 2 && instances.every((instance) => instance.active === 1));
    expect(pool.queued).toBe(2);
    gates.forEach((gate) => gate.resolve());
    const results = await Promise.all(runs);
    expect(instances).toHaveLength(2);
    expect(instances.map((instance) => instance.maxActive)).toEqual([1, 1]);
    expect(results.filter((result) => result.coldStart)).toHaveLength(2);
    expect(results.filter((result) => !result.coldStart)).toHaveLength(2);
    await pool.stop();
  });

  it('retires an idle instance after the idle time', async () => {
    const { pool, instances, count } = makePool({ idleTimeoutMs: 10 });
    await pool.run({});
    await waitFor(() => count(InstanceState.Stopped) === 1);
    expect(instances[0]?.stopped).toBe(true);
    expect(pool.snapshot()).toEqual([]);
    const again = await pool.run({});
    expect(again.coldStart).toBe(true);
    await pool.stop();
  });

  it('retires an instance the call broke and serves a waiting call with a fresh one', async () => {
    const { pool, instances, count } = makePool({ maxInstances: 1 });
    const gate = deferred();
    const broken = pool.run({ gate: gate.promise, breaks: true });
    const waiting = pool.run({});
    await waitFor(() => pool.queued === 1);
    gate.resolve();
    await broken;
    const served = await waiting;
    expect(served).toEqual({ value: '2', instanceId: '2', coldStart: true });
    expect(instances[0]?.stopped).toBe(true);
    expect(count(InstanceState.Retiring)).toBe(1);
    await pool.stop();
  });

  it('reports a failed start and keeps no instance', async () => {
    const { pool, count } = makePool({ failStart: true });
    await expect(pool.run({})).rejects.toThrow('cannot start');
    expect(count(InstanceState.Stopped)).toBe(1);
    expect(pool.snapshot()).toEqual([]);
  });

  it('drains: retires idle instances at once and busy ones after their call', async () => {
    const { pool, instances } = makePool({ maxInstances: 2 });
    const gate = deferred();
    const busy = pool.run({ gate: gate.promise });
    await pool.run({});
    expect(instances).toHaveLength(2);
    await pool.drain();
    expect(instances.map((instance) => instance.stopped)).toEqual([false, true]);
    gate.resolve();
    expect((await busy).value).toBe('1');
    await waitFor(() => instances[0]?.stopped === true);
    expect(pool.snapshot()).toEqual([]);
  });

  it('stops every instance and rejects queued calls', async () => {
    const { pool, instances } = makePool({ maxInstances: 1 });
    const gate = deferred();
    const running = pool.run({ gate: gate.promise });
    const queued = pool.run({});
    await waitFor(() => pool.queued === 1);
    const stopping = pool.stop();
    await expect(queued).rejects.toBeInstanceOf(PoolStoppedError);
    gate.resolve();
    await Promise.all([running, stopping]);
    expect(instances.every((instance) => instance.stopped)).toBe(true);
    await expect(pool.run({})).rejects.toBeInstanceOf(PoolStoppedError);
  });
});

describe('an instance that breaks between calls', () => {
  it('is retired while idle, and the next call starts a fresh one', async () => {
    const { pool, instances, count } = makePool({ maxInstances: 1 });
    expect((await pool.run({})).value).toBe('1');
    instances[0]?.broken?.();
    await waitFor(() => count(InstanceState.Stopped) === 1);
    expect(instances[0]?.stopped).toBe(true);
    expect(await pool.run({})).toMatchObject({ value: '2', coldStart: true });
    await pool.stop();
  });
});
