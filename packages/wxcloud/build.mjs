// Builds dist/ for the published package: tsc emits JavaScript and declarations from src/, then the
// two files the package runs from source at development time are bundled ahead of time: the
// function worker and the console's page script. Cross-platform (plain Node, no shell).
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require_('typescript/bin/tsc'), '-p', path.join(here, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
cpSync(path.join(here, 'src', 'console', 'console.css'), path.join(dist, 'console', 'console.css'));
const bundle = (entry, outfile, options) =>
  buildSync({
    entryPoints: [path.join(here, 'src', entry)],
    outfile: path.join(dist, outfile),
    bundle: true,
    logLevel: 'warning',
    ...options,
  });
bundle('functions/function.worker.ts', 'functions/function.worker.js', {
  platform: 'node',
  format: 'cjs',
  target: 'node18',
});
bundle('console/client/main.ts', 'console/client.js', {
  format: 'iife',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
});

function require_(specifier) {
  return fileURLToPath(import.meta.resolve(specifier));
}
