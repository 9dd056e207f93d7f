/**
 * Test helper: a built cloud function alone in an empty temporary folder, as the platform sees it
 * after deployment: its index.js, package.json and config.json, and in node_modules only the
 * packages its package.json declares (linked from the project's node_modules; none for ours). A child `node`
 * then loads it, recording every module the function's own code asks for.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { bundleFunction } from '../../scripts/functions';

const run = promisify(execFile);

export interface IsolatedFunction {
  dir: string;
  metafile: Metafile;
  /** Declared dependencies that the project's node_modules does not have. */
  uninstallable: string[];
}

/** Builds cloudfunctions/<name> into `into/<name>` and installs only its declared dependencies. */
export async function isolateFunction(
  functionsRoot: string,
  name: string,
  into: string,
  projectRoot: string,
): Promise<IsolatedFunction> {
  const dir = path.join(into, name);
  mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
  const { metafile } = await bundleFunction(name, { root: functionsRoot, outfile: path.join(dir, 'index.js') });
  for (const file of ['package.json', 'config.json']) {
    const source = path.join(functionsRoot, name, file);
    if (existsSync(source)) copyFileSync(source, path.join(dir, file));
  }
  const pkg = existsSync(path.join(dir, 'package.json'))
    ? JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
    : {};
  const uninstallable: string[] = [];
  for (const dep of Object.keys((pkg.dependencies ?? {}) as Record<string, string>)) {
    const installed = path.join(projectRoot, 'node_modules', dep);
    if (!existsSync(installed)) {
      uninstallable.push(dep);
      continue;
    }
    mkdirSync(path.dirname(path.join(dir, 'node_modules', dep)), { recursive: true });
    // Node resolves the link to its real path, so the package's own dependencies come from the project.
    symlinkSync(installed, path.join(dir, 'node_modules', dep), 'junction');
  }
  return { dir, metafile, uninstallable };
}

/**
 * Runs in the child: records every require made by the function's own files (Module._load sees node: built-ins too),
 * then loads index.js.
 */
const CHILD_SCRIPT = `
const Module = require('module');
const path = require('path');
const dir = process.argv[1];
const own = (file) => file && file.startsWith(dir + path.sep) && !file.includes(path.sep + 'node_modules' + path.sep);
const requests = [];
const load = Module._load;
Module._load = function (request, parent, ...rest) {
  if (parent && own(parent.filename) && parent.filename.endsWith('.js')) requests.push(request);
  return load.call(this, request, parent, ...rest);
};
let report;
try {
  const loaded = require(path.join(dir, 'index.js'));
  report = { loaded: true, mainType: typeof loaded.main, requests };
} catch (error) {
  report = { loaded: false, error: String(error && error.message || error).split('\\n')[0], requests };
}
process.stdout.write(JSON.stringify(report));
`;

export interface LoadReport {
  loaded: boolean;
  mainType?: string;
  error?: string;
  /** Module requests made by the function's own code, in order. */
  requests: string[];
}

/** Loads the isolated function in a fresh `node` whose only module paths are the folder's own. */
export async function loadInChild(dir: string): Promise<LoadReport> {
  const env = { PATH: process.env.PATH ?? '', NODE_PATH: '' };
  const { stdout } = await run(process.execPath, ['-e', CHILD_SCRIPT, dir], { cwd: dir, env, timeout: 60_000 });
  return JSON.parse(stdout) as LoadReport;
}
