/**
 * Compiles the mini-program's own TypeScript the way DevTools' compiler plugin would, to CommonJS
 * a Node vm can run: one bundle for app.ts and one per page, cached by the sources' content.
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface CompiledMiniProgram {
  app: string;
  pages: Record<string, string>;
}

const cache = new Map<string, Promise<CompiledMiniProgram>>();

export function compileMiniProgram(miniprogramRoot: string): Promise<CompiledMiniProgram> {
  const key = `${miniprogramRoot}:${sourcesHash(miniprogramRoot)}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compile(miniprogramRoot);
    cache.set(key, compiled);
  }
  return compiled;
}

async function compile(root: string): Promise<CompiledMiniProgram> {
  const pages = readPages(root);
  const [app, ...pageCodes] = await Promise.all([
    bundle(path.join(root, 'app.ts')),
    ...pages.map((page) => bundle(path.join(root, `${page}.ts`))),
  ]);
  return { app: app as string, pages: Object.fromEntries(pages.map((page, i) => [page, pageCodes[i] as string])) };
}

/** How a mini-program module (app, page, component) becomes the CommonJS the phone runs. */
export const MODULE_BUILD = {
  bundle: true,
  format: 'cjs',
  platform: 'neutral',
  target: 'es2020',
  write: false,
  logLevel: 'silent',
} as const;

async function bundle(entry: string): Promise<string> {
  const result = await build({ entryPoints: [entry], ...MODULE_BUILD });
  return result.outputFiles[0]?.text ?? '';
}

export function readPages(root: string): string[] {
  const appJson = JSON.parse(readFileSync(path.join(root, 'app.json'), 'utf8')) as { pages?: string[] };
  return appJson.pages ?? [];
}

/** app.json plus every .ts and .json under the root: enough to notice an edit (nothing outside it runs on a phone). */
function sourcesHash(root: string): string {
  const hash = createHash('sha1');
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') visit(full);
      else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.test.ts'))
        hash.update(full).update(readFileSync(full));
    }
  };
  visit(root);
  return hash.digest('hex');
}
