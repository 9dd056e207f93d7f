/** The code base keeps its shape: small files, and no import cycle between modules. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importCycles, importGraph, ROOT, sourceFiles } from './source-shape';

const MAX_LINES = 300;
const MAX_WIDTH = 120;

test(`no source file is over ${MAX_LINES} lines`, () => {
  const long = sourceFiles()
    .map((file) => ({ file, lines: readFileSync(path.join(ROOT, file), 'utf8').split('\n').length }))
    .filter(({ lines }) => lines > MAX_LINES);
  expect(long).toEqual([]);
});

test(`no source line is wider than ${MAX_WIDTH} characters (Prettier wraps code; strings and comments by hand)`, () => {
  const wide = sourceFiles().flatMap((file) =>
    readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, index) => (line.length > MAX_WIDTH ? [`${file}:${index + 1} (${line.length})`] : [])),
  );
  expect(wide).toEqual([]);
});

test('no import cycle (type-only imports count: they tie the modules together all the same)', () => {
  expect(importCycles(importGraph(sourceFiles()))).toEqual([]);
});

test('the cycle finder reports each cycle once, its files in order', () => {
  const graph = new Map([
    ['a.ts', ['b.ts']],
    ['b.ts', ['c.ts']],
    ['c.ts', ['a.ts']],
    ['d.ts', ['a.ts']],
  ]);
  expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
});
