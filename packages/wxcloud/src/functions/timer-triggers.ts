/**
 * Timer triggers as the project declares them: `triggers` in a function's config.json (what
 * WeChat DevTools uploads) or in cloudbaserc.json's `functions` (what the CloudBase CLI deploys).
 * The service allows one trigger per function, of type `timer`, named 1-60 of a-z A-Z 0-9 - _
 * starting with a letter; `config` is the 7-field cron with seconds and year
 * (`second minute hour day month weekday year`), evaluated in UTC+8. Checked at start: a bad
 * one stops the start, naming the function and the trigger.
 */
import { Cron } from 'croner';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { formatZodError } from '../zod-messages';

export interface TimerTrigger {
  functionName: string;
  name: string;
  /** The 7-field cron expression as written. */
  cron: string;
  /** Where it was declared (for messages). */
  declaredIn: string;
}

/** The service evaluates cron in China Standard Time, UTC+8, all year round. */
export const TIMER_UTC_OFFSET_MINUTES = 8 * 60;

const TriggerSchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/, '1-60 characters of a-z A-Z 0-9 - _, starting with a letter'),
  type: z.literal('timer'),
  config: z.string().min(1),
});
const TriggersSchema = z.array(z.unknown()).max(1, 'the service allows one trigger per function').optional();
const CloudbasercSchema = z
  .object({
    functions: z.array(z.object({ name: z.string(), triggers: z.unknown().optional() }).passthrough()).optional(),
  })
  .passthrough();

export class TriggerConfigError extends Error {}

/** A croner job for `cron` (paused until the caller resumes it); throws croner's own message on a bad pattern. */
export function timerCron(cron: string, fire?: (job: Cron) => void): Cron {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 7)
    throw new Error(`expected 7 fields (second minute hour day month weekday year), got ${fields.length}`);
  const options = {
    mode: '7-part',
    utcOffset: TIMER_UTC_OFFSET_MINUTES,
    sloppyRanges: true,
    paused: true,
    unref: true,
  } as const;
  return fire ? new Cron(cron, options, fire) : new Cron(cron, options);
}

/** Every timer trigger of the project's functions, checked; config.json wins over cloudbaserc.json. */
export function readTimerTriggers(
  functionsRoot: string,
  functionNames: readonly string[],
  projectRoot: string,
): TimerTrigger[] {
  const fromConfig = functionNames.flatMap((name) => {
    const file = path.join(functionsRoot, name, 'config.json');
    return existsSync(file) ? parseTriggers(name, readJson(file).triggers, file) : [];
  });
  const declared = new Set(fromConfig.map((trigger) => trigger.functionName));
  return [...fromConfig, ...readCloudbaserc(projectRoot).filter((trigger) => !declared.has(trigger.functionName))];
}

function readCloudbaserc(projectRoot: string): TimerTrigger[] {
  const file = path.join(projectRoot, 'cloudbaserc.json');
  if (!existsSync(file)) return [];
  const parsed = CloudbasercSchema.safeParse(readJson(file));
  if (!parsed.success) throw new TriggerConfigError(`${file}: ${formatZodError(parsed.error)}`);
  return (parsed.data.functions ?? []).flatMap((entry) => parseTriggers(entry.name, entry.triggers, file));
}

function parseTriggers(functionName: string, raw: unknown, file: string): TimerTrigger[] {
  const where = `云函数 ${functionName} 的定时触发器 / timer trigger of function ${functionName}`;
  const list = TriggersSchema.safeParse(raw);
  if (!list.success) throw new TriggerConfigError(`${where} (${file}): ${formatZodError(list.error)}`);
  return (list.data ?? []).map((entry) => {
    const parsed = TriggerSchema.safeParse(entry);
    const name = (entry as { name?: unknown } | null)?.name;
    const named = typeof name === 'string' ? `${where} "${name}"` : where;
    if (!parsed.success) throw new TriggerConfigError(`${named} (${file}): ${formatZodError(parsed.error)}`);
    try {
      timerCron(parsed.data.config).stop();
    } catch (error) {
      throw new TriggerConfigError(
        `${named} (${file}): cron 表达式无效 / invalid cron "${parsed.data.config}": ${(error as Error).message}`,
      );
    }
    return { functionName, name: parsed.data.name, cron: parsed.data.config, declaredIn: file };
  });
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new TriggerConfigError(`${file}: ${(error as Error).message}`);
  }
}
