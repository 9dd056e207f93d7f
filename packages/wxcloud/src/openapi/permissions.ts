/**
 * Which WeChat APIs a function may call: `permissions.openapi` of its config.json, read on every
 * call so an edit applies at once, as a redeploy would. A function without the list may call none.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const ConfigSchema = z
  .object({
    permissions: z
      .object({ openapi: z.array(z.string()).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

export function declaredOpenApis(functionsRoot: string, functionName: string): string[] {
  if (!/^[A-Za-z0-9_-]+$/.test(functionName)) return [];
  try {
    const parsed = ConfigSchema.safeParse(
      JSON.parse(readFileSync(path.join(functionsRoot, functionName, 'config.json'), 'utf8')),
    );
    return parsed.success ? (parsed.data.permissions?.openapi ?? []) : [];
  } catch {
    return [];
  }
}
