import type { Metafile } from 'esbuild';
import { builtState, disallowedImports } from './build';

const metafile = (imports: { path: string; external?: boolean }[]): Metafile => ({
  inputs: {},
  outputs: {
    'index.js': {
      bytes: 1,
      inputs: {},
      imports: imports.map((entry) => ({ kind: 'require-call' as const, ...entry })),
      exports: [],
    },
  },
});

describe('builtState', () => {
  it('compares the file on disk with a fresh build byte for byte', () => {
    const fresh = new TextEncoder().encode('exports.main = 1');
    expect(builtState(undefined, fresh)).toBe('missing');
    expect(builtState(new TextEncoder().encode('exports.main = 1'), fresh)).toBe('fresh');
    expect(builtState(new TextEncoder().encode('exports.main = 2'), fresh)).toBe('stale');
  });
});

describe('disallowedImports', () => {
  it('allows Node built-ins only, and names anything left external, wx-server-sdk included', () => {
    const meta = metafile([
      { path: 'wx-server-sdk', external: true },
      { path: 'node:crypto', external: true },
      { path: 'fs', external: true },
      { path: 'fs/promises', external: true },
      { path: 'lodash', external: true },
      { path: 'lodash', external: true },
      { path: 'src/inner.ts' },
    ]);
    expect(disallowedImports(meta)).toEqual(['lodash', 'wx-server-sdk']);
  });
});
