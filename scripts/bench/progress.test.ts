import { createProgress, progressLine } from './progress';

describe('progressLine', () => {
  it('shows the step, a bar filled in proportion, the count, the label and the elapsed seconds', () => {
    expect(progressLine({ step: 2, steps: 8, label: 'latency', done: 5, total: 10, elapsedMs: 12_400 })).toBe(
      `[2/8] ${'█'.repeat(10)}${'░'.repeat(10)} 5/10  latency  (12 s)`,
    );
  });

  it('shows a full bar for an empty phase and never overfills', () => {
    const fullBar = '█'.repeat(20);
    expect(progressLine({ step: 1, steps: 1, label: 'x', done: 0, total: 0, elapsedMs: 0 })).toContain(fullBar);
    expect(progressLine({ step: 1, steps: 1, label: 'x', done: 30, total: 10, elapsedMs: 0 })).toContain(
      '█'.repeat(20),
    );
  });
});

describe('createProgress', () => {
  it('writes one line per finished phase when the stream is not a terminal', () => {
    const written: string[] = [];
    const progress = createProgress({ isTTY: false, write: (text) => written.push(text) }, 2, () => 0);
    progress.phase('first', 3);
    progress.advance(2);
    progress.phase('second', 1);
    progress.finish();
    expect(written).toEqual([
      `[1/2] ${'█'.repeat(20)} 3/3  first  (0 s)\n`,
      `[2/2] ${'█'.repeat(20)} 1/1  second  (0 s)\n`,
    ]);
  });

  it('redraws the line in place on a terminal', () => {
    const written: string[] = [];
    let now = 0;
    const progress = createProgress({ isTTY: true, write: (text) => written.push(text) }, 1, () => now);
    progress.phase('only', 4);
    now = 1000;
    progress.advance();
    progress.finish();
    expect(written.every((text) => text.startsWith('\r\x1b[2K'))).toBe(true);
    expect(written.at(1)).toContain('1/4');
    expect(written.at(-1)).toMatch(/4\/4 {2}only {2}\(1 s\)\n$/);
  });
});
