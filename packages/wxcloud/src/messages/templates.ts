/**
 * Subscribe-message templates as the local cloud knows them: declared in the project's
 * `wxcloud.templates.json` (`[{ "id": "…", "title": "订单发货提醒", "fields": ["thing1", "time2"] }]`)
 * or given to the service, as they are configured on mp.weixin.qq.com for a real app. A field's
 * kind is its name without the number (thing, number, amount …); a value is checked against the
 * kind's documented rule, as subscribeMessage.send checks it (47003 otherwise).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const TEMPLATES_FILE = 'wxcloud.templates.json';

const TemplateSchema = z.strictObject({
  id: z.string().min(1).max(128),
  title: z.string().max(64).optional(),
  fields: z
    .array(z.string().regex(/^[a-z_]+\d+$/, 'a field is a kind and a number: thing1, time2 …'))
    .min(1)
    .max(20),
});
export type SubscribeTemplate = z.infer<typeof TemplateSchema>;

/**
 * The templates of `projectRoot`'s file; none when there is no file; throws on a malformed one (the developer's
 * mistake, said at start).
 */
export function readTemplates(projectRoot: string): SubscribeTemplate[] {
  const file = path.join(projectRoot, TEMPLATES_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const parsed = z.array(TemplateSchema).safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`);
  return parsed.data;
}

/** Parses the CLI's `--template ID:thing1,time2` (fields comma-separated). */
export function parseTemplateSpec(spec: string): SubscribeTemplate {
  const colon = spec.lastIndexOf(':');
  const parsed = TemplateSchema.safeParse({
    id: spec.slice(0, Math.max(colon, 0)).trim(),
    fields: spec
      .slice(colon + 1)
      .split(',')
      .map((field) => field.trim()),
  });
  if (colon <= 0 || !parsed.success)
    throw new Error(`--template expects ID:FIELD,FIELD (e.g. TPL1:thing1,time2), got "${spec}"`);
  return parsed.data;
}

/** WeChat's rule for each kind of field (订阅消息参数值内容限制). */
const KIND_RULES: Record<string, (value: string) => boolean> = {
  thing: (value) => [...value].length <= 20,
  number: (value) => /^[\d.]{1,32}$/.test(value),
  letter: (value) => /^[A-Za-z]{1,32}$/.test(value),
  symbol: (value) => [...value].length <= 5,
  character_string: (value) => /^[\w-]{1,32}$/.test(value),
  time: (value) => /^\d{4}[-年/]\d{1,2}[-月/]\d{1,2}日?( \d{1,2}:\d{2}(:\d{2})?)?$|^\d{1,2}:\d{2}$/.test(value),
  date: (value) => /^\d{4}[-年/]\d{1,2}[-月/]\d{1,2}日?( \d{1,2}:\d{2}(:\d{2})?)?$/.test(value),
  amount: (value) => /^[￥¥]?\d+(\.\d{1,2})?元?$/.test(value),
  phone_number: (value) => /^[\d+\-() ]{1,17}$/.test(value),
  car_number: (value) => [...value].length <= 8,
  name: (value) => [...value].length <= 10,
  phrase: (value) => [...value].length <= 5 && /^[\u4e00-\u9fa5]+$/.test(value),
};

/**
 * The first problem of `data` for `template` (a field it lacks, one it does not know, a value against its kind), or
 * undefined.
 */
export function dataProblem(template: SubscribeTemplate, data: unknown): string | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'data must be an object of { field: { value } }';
  const given = data as Record<string, unknown>;
  for (const key of Object.keys(given))
    if (!template.fields.includes(key)) return `data.${key} is not a field of template ${template.id}`;
  for (const field of template.fields) {
    const entry = given[field] as { value?: unknown } | undefined;
    if (!entry || typeof entry.value !== 'string' || entry.value === '') return `data.${field}.value is missing`;
    const rule = KIND_RULES[field.replace(/\d+$/, '')];
    if (rule && !rule(entry.value)) return `data.${field}.value invalid`;
  }
  return undefined;
}
