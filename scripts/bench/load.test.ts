import { runClosedLoop } from './load';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('runClosedLoop', () => {
  it('calls once per item and never has more than `concurrency` in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    const result = await runClosedLoop([...Array(50).keys()], 7, async (item) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await tick();
      seen.push(item);
      inFlight -= 1;
    });
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
    expect(peak).toBe(7);
    expect(result.latencies).toHaveLength(50);
  });

  it('measures each call and the whole run on the given clock', async () => {
    let now = 0;
    const result = await runClosedLoop(
      [5, 10],
      1,
      async (ms) => void (now += ms),
      () => now,
    );
    expect(result.latencies).toEqual([5, 10]);
    expect(result.elapsedMs).toBe(15);
  });

  it('throws the first failure', async () => {
    await expect(
      runClosedLoop([1, 2, 3], 2, async (item) => {
        if (item === 2) throw new Error('login 2 failed');
      }),
    ).rejects.toThrow('login 2 failed');
  });

  it('refuses a concurrency below one', async () => {
    await expect(runClosedLoop([1], 0, async () => undefined)).rejects.toThrow(RangeError);
  });
});
