/**
 * One cloud function's config.json as WeChat DevTools and the platform read it: `timeout`
 * (seconds, 1-900; 3 when absent), `memorySize` (MB), `triggers` (one timer at most, a 7-field cron:
 * second minute hour day month weekday year, UTC+8) and `permissions.openapi` (each open API the
 * function calls; an unlisted one fails with -604101). Pure: text in, findings out.
 */
import { z } from 'zod';
import { formatZodError } from '../zod-messages';
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from '../functions/limits';
import { mustFix, ok, warn, type Finding } from './finding';

/** Memory sizes a WeChat cloud function can be given (MB). */
export const MEMORY_SIZES_MB = [128, 256, 512, 1024, 2048];

const TriggerSchema = z.object({ name: z.string().min(1), type: z.string(), config: z.string() }).passthrough();
const FunctionConfigSchema = z
  .object({
    timeout: z.number().optional(),
    memorySize: z.number().optional(),
    triggers: z.array(TriggerSchema).optional(),
    permissions: z
      .object({ openapi: z.array(z.string()).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

const OPEN_API_NAME = /^[A-Za-z][A-Za-z0-9]*\.[A-Za-z][A-Za-z0-9]*$/;

function triggerFindings(where: string, triggers: z.infer<typeof TriggerSchema>[]): Finding[] {
  const findings: Finding[] = [];
  const timers = triggers.filter((trigger) => trigger.type === 'timer');
  if (timers.length > 1)
    findings.push(
      mustFix(
        `${where}: 有 ${timers.length} 个定时触发器 / ${timers.length} timer triggers`,
        '一个云函数只能有一个定时触发器 / a function has at most one timer trigger',
      ),
    );
  for (const trigger of triggers) {
    if (trigger.type !== 'timer') {
      findings.push(
        mustFix(
          `${where}: 触发器 "${trigger.name}" 的类型 "${trigger.type}" 不支持 / trigger type not supported`,
          '云函数的触发器只有 "timer" / cloud functions only have "timer" triggers',
        ),
      );
      continue;
    }
    const fields = trigger.config.trim().split(/\s+/).length;
    if (fields !== 7) {
      findings.push(
        mustFix(
          `${where}: 定时触发器 "${trigger.name}" 的 cron "${trigger.config}" 有 ${fields} 段 / its cron has ${fields} fields`,
          '写 7 段：秒 分 时 日 月 星期 年（北京时间），如 "0 0 2 * * * *" / ' +
            'seven fields: second minute hour day month weekday year (UTC+8), e.g. "0 0 2 * * * *"',
        ),
      );
    }
  }
  return findings;
}

/** Findings for one function's config.json text (undefined when the file is absent). */
export function checkFunctionConfig(name: string, text: string | undefined): Finding[] {
  const where = `${name}/config.json`;
  if (text === undefined) {
    return [
      warn(
        `${where} 不存在：超时按默认 ${DEFAULT_TIMEOUT_SECONDS} 秒 / ` +
          `missing: the timeout is the default ${DEFAULT_TIMEOUT_SECONDS} s`,
        '加一个 config.json，写上 "timeout" 和 "permissions" / add one with "timeout" and "permissions"',
      ),
    ];
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return [
      mustFix(
        `${where} 不是合法的 JSON / is not valid JSON: ${(error as Error).message}`,
        '改正 JSON 格式 / correct the JSON',
      ),
    ];
  }
  const parsed = FunctionConfigSchema.safeParse(json);
  if (!parsed.success)
    return [
      mustFix(
        `${where} 格式不对 / has a wrong shape: ${formatZodError(parsed.error)}`,
        '对照微信文档的 config.json 格式改正 / follow the config.json format of the WeChat docs',
      ),
    ];
  const config = parsed.data;
  const findings: Finding[] = [];
  if (config.timeout === undefined)
    findings.push(
      warn(
        `${where}: 没有 "timeout"，默认 ${DEFAULT_TIMEOUT_SECONDS} 秒 / no "timeout": ${DEFAULT_TIMEOUT_SECONDS} s`,
        '写上需要的秒数，如 10 / set the seconds it needs, e.g. 10',
      ),
    );
  else if (config.timeout < 1 || config.timeout > MAX_TIMEOUT_SECONDS)
    findings.push(
      mustFix(
        `${where}: "timeout" ${config.timeout} 超出范围 / out of range`,
        `取 1-${MAX_TIMEOUT_SECONDS} 秒 / use 1-${MAX_TIMEOUT_SECONDS} s`,
      ),
    );
  if (config.memorySize !== undefined && !MEMORY_SIZES_MB.includes(config.memorySize)) {
    findings.push(
      mustFix(
        `${where}: "memorySize" ${config.memorySize} 不是可选的内存 / not an offered size`,
        `取 ${MEMORY_SIZES_MB.join(' / ')} MB 之一 / use one of them`,
      ),
    );
  }
  findings.push(...triggerFindings(where, config.triggers ?? []));
  const apis = config.permissions?.openapi ?? [];
  for (const api of apis.filter((entry) => !OPEN_API_NAME.test(entry))) {
    findings.push(
      mustFix(
        `${where}: permissions.openapi 里的 "${api}" 不是接口名 / is not an API name`,
        '写成 命名空间.接口，如 "phonenumber.getPhoneNumber" / write namespace.api',
      ),
    );
  }
  if (!findings.length)
    findings.push(
      ok(
        `${where}: 超时 ${config.timeout} 秒，开放接口 / ` +
          `timeout ${config.timeout} s, open APIs: ${apis.join(', ') || '无 / none'}`,
      ),
    );
  return findings;
}
