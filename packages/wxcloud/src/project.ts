/**
 * The WeChat project the local cloud serves, read as WeChat DevTools reads it: project.config.json
 * names the folder of the cloud functions (`cloudfunctionRoot`) and of the mini-program
 * (`miniprogramRoot`, the project itself when absent).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const ProjectConfigSchema = z
  .object({ cloudfunctionRoot: z.string().min(1).optional(), miniprogramRoot: z.string().optional() })
  .passthrough();

type ProjectConfig = z.infer<typeof ProjectConfigSchema>;

function readProjectConfig(projectRoot: string): ProjectConfig | undefined {
  const file = path.join(projectRoot, 'project.config.json');
  if (!existsSync(file)) return undefined;
  return ProjectConfigSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** The functions folder named by `<projectRoot>/project.config.json` (`cloudfunctions/` when it names none). */
export function functionsRootFromProject(projectRoot: string): string {
  return path.resolve(projectRoot, readProjectConfig(projectRoot)?.cloudfunctionRoot ?? 'cloudfunctions');
}

/** The mini-program folder named by `<projectRoot>/project.config.json` (the project itself when it names none). */
export function miniprogramRootFromProject(projectRoot: string): string {
  return path.resolve(projectRoot, readProjectConfig(projectRoot)?.miniprogramRoot ?? '');
}
