/**
 * The `--require` file that routes tcb-admin-node's hard-coded hosts to the local cloud in the
 * processes `wxcloud exec` runs (functions/legacy-hosts.ts): the compiled file in the published
 * package; from source, bundled once with esbuild into a temporary file.
 */
import { buildSync } from 'esbuild';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Preload {
  /** NODE_OPTIONS for the command, keeping any it already had. */
  nodeOptions(existing: string | undefined): string;
  remove(): void;
}

export function legacyHostsPreload(): Preload {
  const prebuilt = path.join(__dirname, '..', 'functions', 'legacy-hosts-preload.js');
  let file = prebuilt;
  let folder: string | undefined;
  if (!existsSync(prebuilt)) {
    folder = mkdtempSync(path.join(os.tmpdir(), 'wxcloud-preload-'));
    file = path.join(folder, 'legacy-hosts-preload.js');
    buildSync({
      entryPoints: [path.join(__dirname, '..', 'functions', 'legacy-hosts-preload.ts')],
      outfile: file,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      logLevel: 'silent',
    });
  }
  return {
    nodeOptions: (existing) => [existing, `--require ${JSON.stringify(file)}`].filter(Boolean).join(' '),
    remove: () => {
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}
