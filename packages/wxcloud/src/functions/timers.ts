/**
 * Runs the project's timer triggers: each fires its function with the timer event at the times its
 * cron names (UTC+8), with no user, as the service does; any trigger can also be fired on demand
 * (the CLI, the console's button, tests). The invocation is recorded like any other.
 *
 * @example
 *   const timers = new TimerTriggers(readTimerTriggers(root, names, projectRoot), (name, event) =>
 *     runtime.invoke(name, event, { trigger: 'timer' }),
 *   );
 *   timers.start();
 *   await timers.fire('cleanup'); // now, on demand
 */
import type { Cron } from 'croner';
import { timerCron, type TimerTrigger } from './timer-triggers';

/** What main receives from a timer trigger (SCF's timer event). */
export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  /** The firing time, UTC, to the second: "2026-12-04T08:00:05Z". */
  Time: string;
  /** The trigger's custom argument; config.json has none, so it is empty. */
  Message: string;
}

export function timerEvent(triggerName: string, at: Date): TimerEvent {
  return { Type: 'Timer', TriggerName: triggerName, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' };
}

export interface TriggerView extends TimerTrigger {
  /** The next scheduled firing (ISO, UTC), or null when the cron names no future time. */
  nextAt: string | null;
}

export class TriggerNotFoundError extends Error {}

export class TimerTriggers<Outcome> {
  private readonly jobs = new Map<TimerTrigger, Cron>();

  constructor(
    private readonly triggers: readonly TimerTrigger[],
    private readonly invoke: (functionName: string, event: TimerEvent) => Promise<Outcome>,
  ) {}

  /** Schedules every trigger (call once). */
  start(): void {
    for (const trigger of this.triggers) {
      const job = timerCron(
        trigger.cron,
        (running) =>
          void this.invoke(trigger.functionName, timerEvent(trigger.name, running.currentRun() ?? new Date())),
      );
      this.jobs.set(trigger, job);
      job.resume();
    }
  }

  list(): TriggerView[] {
    return this.triggers.map((trigger) => ({
      ...trigger,
      nextAt: this.jobs.get(trigger)?.nextRun()?.toISOString() ?? null,
    }));
  }

  /** Fires the function's trigger now (its only one when no name is given). */
  fire(functionName: string, triggerName?: string): Promise<Outcome> {
    const trigger = this.triggers.find(
      (item) => item.functionName === functionName && (triggerName === undefined || item.name === triggerName),
    );
    if (!trigger) {
      const which = triggerName === undefined ? '' : ` "${triggerName}"`;
      const missingZh = `云函数 ${functionName} 没有定时触发器${which}`;
      return Promise.reject(
        new TriggerNotFoundError(`${missingZh} / function ${functionName} has no timer trigger${which}`),
      );
    }
    return this.invoke(functionName, timerEvent(trigger.name, new Date()));
  }

  stop(): void {
    for (const job of this.jobs.values()) job.stop();
    this.jobs.clear();
  }
}
