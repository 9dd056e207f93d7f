/**
 * Finds the cloud functions of a project the way WeChat DevTools does: the folder named by
 * `cloudfunctionRoot` in project.config.json holds one folder per function, each with an
 * index.js entry (`exports.main`) and an optional config.json (`timeout` in seconds).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { formatZodError } from '../zod-messages';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from './limits';

export { functionsRootFromProject } from '../project';

export interface FunctionDefinition {
  name: string;
  dir: string;
  entryFile: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** mtime of index.js when discovered: a rebuilt function gets fresh instances. */
  entryVersion: number;
}

const FunctionConfigSchema = z
  .object({
    timeout: z.number().positive().max(MAX_TIMEOUT_SECONDS).optional(),
    memorySize: z.number().int().positive().optional(),
  })
  .passthrough();

/** Every function under `functionsRoot`, sorted by name. */
export function discoverFunctions(functionsRoot: string): FunctionDefinition[] {
  if (!existsSync(functionsRoot)) return [];
  return readdirSync(functionsRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readFunction(functionsRoot, entry.name))
    .filter((definition): definition is FunctionDefinition => definition !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One function by name, or undefined when it has no index.js (not deployed). */
export function readFunction(functionsRoot: string, name: string): FunctionDefinition | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) return undefined;
  const dir = path.join(functionsRoot, name);
  const entryFile = path.join(dir, 'index.js');
  if (!existsSync(entryFile)) return undefined;
  const config = readFunctionConfig(path.join(dir, 'config.json'));
  return {
    name,
    dir,
    entryFile,
    timeoutSeconds: config.timeout ?? DEFAULT_TIMEOUT_SECONDS,
    memoryMb: config.memorySize ?? DEFAULT_MEMORY_MB,
    entryVersion: statSync(entryFile).mtimeMs,
  };
}

function readFunctionConfig(file: string): z.infer<typeof FunctionConfigSchema> {
  if (!existsSync(file)) return {};
  const parsed = FunctionConfigSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${formatZodError(parsed.error)}`);
  return parsed.data;
}
