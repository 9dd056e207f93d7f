/**
 * Fault injection for resilience tests: on chosen actions, at a chosen rate, add latency, answer
 * with an HTTP 5xx, reset the connection, or never answer (a timeout), either before the action
 * runs (nothing happens) or after it ran (the write happened but the caller cannot know).
 */
import { z } from 'zod';
import { formatZodError } from '../zod-messages';

export const faultRuleSchema = z.object({
  kind: z.enum(['latency', 'error', 'reset', 'timeout']),
  /** Action names the rule applies to (e.g. `database.modifyDocument`); all when omitted. */
  actions: z.array(z.string()).optional(),
  /** Probability in [0, 1] that a matching request is hit. Default 1. */
  rate: z.number().min(0).max(1).default(1),
  /** `before` the handler (default) or `after` it ran. */
  when: z.enum(['before', 'after']).default('before'),
  /** Delay for `latency` (default 1000 ms). */
  latencyMs: z.number().int().min(0).max(600_000).default(1000),
  /** HTTP status for `error` (default 503). */
  status: z.number().int().min(500).max(599).default(503),
});

export type FaultRule = z.input<typeof faultRuleSchema>;
type ResolvedRule = z.output<typeof faultRuleSchema>;
export type FaultPhase = 'before' | 'after';

export class FaultInjector {
  private rules: ResolvedRule[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  set(rules: readonly FaultRule[]): void {
    this.rules = rules.map((rule) => faultRuleSchema.parse(rule));
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule that hits this request in this phase, if any. */
  pick(action: string, phase: FaultPhase): ResolvedRule | undefined {
    for (const rule of this.rules) {
      if (rule.when !== phase) continue;
      if (rule.actions && !rule.actions.includes(action)) continue;
      if (rule.rate >= 1 || this.random() < rule.rate) return rule;
    }
    return undefined;
  }
}

/**
 * Parses the CLI form
 * `kind=reset,actions=database.modifyDocument+database.getDocument,rate=0.2,when=after,ms=100,status=502`.
 */
export function parseFaultSpec(spec: string): FaultRule {
  const fields: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const [key, ...rest] = part.split('=');
    if (!key || rest.length === 0) throw new Error(`bad fault option "${part}" in "${spec}" (expected key=value)`);
    fields[key.trim()] = rest.join('=').trim();
  }
  const rule = {
    kind: fields.kind,
    actions: fields.actions ? fields.actions.split('+') : undefined,
    rate: fields.rate === undefined ? undefined : Number(fields.rate),
    when: fields.when,
    latencyMs: fields.ms === undefined ? undefined : Number(fields.ms),
    status: fields.status === undefined ? undefined : Number(fields.status),
  };
  const parsed = faultRuleSchema.safeParse(rule);
  if (!parsed.success) throw new Error(`bad fault "${spec}": ${formatZodError(parsed.error)}`);
  return parsed.data;
}
