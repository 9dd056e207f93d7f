/**
 * The page's script and styles. The script is the TypeScript in client/: in the published package
 * bundled ahead of time (build.mjs), from source bundled by esbuild once (about 0.1 s: when the CLI is
 * ready, or the first time a page asks) and kept for the life of the process; the styles are
 * console.css as written.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const CLIENT_ENTRY = path.join(__dirname, 'client', 'main.ts');
const PREBUILT_CLIENT = path.join(__dirname, 'client.js');
const STYLES_FILE = path.join(__dirname, 'console.css');

export interface ConsoleScript {
  code: string;
  /** A short hash of the code, for the URL (a rebuilt script is never served from cache). */
  hash: string;
}

let script: Promise<ConsoleScript> | undefined;
let styles: string | undefined;

export function consoleScript(): Promise<ConsoleScript> {
  script ??= bundle().catch((error: unknown) => {
    script = undefined;
    throw error;
  });
  return script;
}

export function consoleStyles(): string {
  styles ??= readFileSync(STYLES_FILE, 'utf8');
  return styles;
}

async function bundle(): Promise<ConsoleScript> {
  if (existsSync(PREBUILT_CLIENT)) return withHash(readFileSync(PREBUILT_CLIENT, 'utf8'));
  const result = await build({
    entryPoints: [CLIENT_ENTRY],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify: true,
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  return withHash(result.outputFiles[0]?.text ?? '');
}

function withHash(code: string): ConsoleScript {
  return { code, hash: createHash('sha1').update(code).digest('hex').slice(0, 10) };
}
