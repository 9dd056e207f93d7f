/**
 * Which files of a function folder the tcb CLI uploads. The CLI zips `**\/*` (dot files included)
 * minus the function's `ignore` globs, matched per file with minimatch; with installDependency it
 * also drops node_modules. A directory pattern alone (`src`) does not drop the files inside it,
 * which is why cloudbaserc.json lists `src/**` too.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Minimatch } from 'minimatch';

export interface FileEntry {
  /** Path relative to the function folder, with forward slashes. */
  path: string;
  bytes: number;
}

/** The CLI adds these when the cloud installs dependencies (manager-node getCodeParams). */
const INSTALL_DEPENDENCY_IGNORES = ['node_modules/**/*', 'node_modules'];

/** Files that would be uploaded, in path order. */
export function selectDeployedFiles(files: FileEntry[], ignore: string[], installDependency: boolean): FileEntry[] {
  const patterns = [...(installDependency ? INSTALL_DEPENDENCY_IGNORES : []), ...ignore];
  const matchers = patterns.map((pattern) => new Minimatch(pattern, { dot: true }));
  return files
    .filter((file) => !matchers.some((matcher) => matcher.match(file.path)))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Every regular file under `dir` (recursively), with its size; `skipDirs` names are not entered. */
export function listFiles(dir: string, skipDirs: ReadonlySet<string> = new Set()): FileEntry[] {
  const found: FileEntry[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!skipDirs.has(entry.name)) walk(full);
      } else if (entry.isFile())
        found.push({ path: path.relative(dir, full).split(path.sep).join('/'), bytes: statSync(full).size });
    }
  };
  walk(dir);
  return found;
}
