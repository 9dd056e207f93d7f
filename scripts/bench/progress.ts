/**
 * The progress display on stderr (stdout stays for the results): one line redrawn in place on a
 * terminal, one line per finished phase otherwise (CI logs, the --json smoke test).
 */

export interface ProgressState {
  step: number;
  steps: number;
  label: string;
  done: number;
  total: number;
  elapsedMs: number;
}

export interface Progress {
  /** Starts the next phase, `total` units long. */
  phase(label: string, total: number): void;
  advance(units?: number): void;
  finish(): void;
}

const BAR_WIDTH = 20;

export function progressLine(state: ProgressState): string {
  const fraction = state.total > 0 ? Math.min(1, state.done / state.total) : 1;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  const seconds = Math.round(state.elapsedMs / 1000);
  return `[${state.step}/${state.steps}] ${bar} ${state.done}/${state.total}  ${state.label}  (${seconds} s)`;
}

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export function createProgress(stream: ProgressStream, steps: number, clock: () => number = Date.now): Progress {
  const startedAt = clock();
  let state: ProgressState | undefined;
  let lastDraw = 0;
  const line = () => (state ? progressLine({ ...state, elapsedMs: clock() - startedAt }) : '');
  const draw = (force: boolean) => {
    if (!stream.isTTY || !state) return;
    if (!force && clock() - lastDraw < 100) return; // redraw at most ten times a second
    lastDraw = clock();
    stream.write(`\r\x1b[2K${line()}`);
  };
  const endPhase = () => {
    if (!state) return;
    state.done = state.total;
    stream.write(stream.isTTY ? `\r\x1b[2K${line()}\n` : `${line()}\n`);
  };
  return {
    phase(label, total) {
      endPhase();
      state = { step: (state?.step ?? 0) + 1, steps, label, done: 0, total, elapsedMs: 0 };
      draw(true);
    },
    advance(units = 1) {
      if (!state) return;
      state.done = Math.min(state.total, state.done + units);
      draw(false);
    },
    finish() {
      endPhase();
      state = undefined;
    },
  };
}

/** A progress that shows nothing (library use, tests). */
export const silentProgress: Progress = { phase: () => undefined, advance: () => undefined, finish: () => undefined };
