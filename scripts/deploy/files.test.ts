import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listFiles, selectDeployedFiles } from './files';

const files = [
  'index.js',
  'package.json',
  'config.json',
  'src/index.ts',
  'src/lib/a.ts',
  'src/a.test.ts',
  'node_modules/x/index.js',
  '.env',
  'index.js.map',
].map((p) => ({ path: p, bytes: 1 }));
const paths = (list: { path: string }[]): string[] => list.map((file) => file.path);

describe('selectDeployedFiles', () => {
  it('keeps what the function needs and drops sources, tests, maps and node_modules', () => {
    const kept = selectDeployedFiles(
      files,
      ['node_modules', 'node_modules/**', 'src', 'src/**', '**/*.test.ts', '**/*.map'],
      true,
    );
    expect(paths(kept)).toEqual(['.env', 'config.json', 'index.js', 'package.json']);
  });

  it('like the CLI, a bare directory pattern does not drop the files inside it', () => {
    expect(paths(selectDeployedFiles(files, ['src'], false))).toContain('src/index.ts');
  });

  it('drops node_modules by itself when the cloud installs dependencies', () => {
    expect(paths(selectDeployedFiles(files, [], true))).not.toContain('node_modules/x/index.js');
    expect(paths(selectDeployedFiles(files, [], false))).toContain('node_modules/x/index.js');
  });
});

describe('listFiles', () => {
  it('lists files recursively with sizes and skips the named folders', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deploy-files-'));
    try {
      mkdirSync(path.join(dir, 'src', 'deep'), { recursive: true });
      mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
      writeFileSync(path.join(dir, 'index.js'), 'abc');
      writeFileSync(path.join(dir, 'src', 'deep', 'a.ts'), 'x');
      writeFileSync(path.join(dir, 'node_modules', 'x', 'i.js'), 'x');
      const listed = listFiles(dir, new Set(['node_modules'])).sort((a, b) => a.path.localeCompare(b.path));
      expect(listed).toEqual([
        { path: 'index.js', bytes: 3 },
        { path: 'src/deep/a.ts', bytes: 1 },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
