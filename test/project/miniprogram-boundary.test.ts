/**
 * The lint rule that keeps the mini-program self-contained (scripts/lint), run by ESLint's Linter
 * with the same file globs as eslint.config.mjs on code placed in miniprogram/: value imports from
 * outside fail, type-only ones pass. (`npm run lint` applies it to the real files.)
 */
import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const boundary = require('../../scripts/lint/miniprogram-boundary.cjs') as NonNullable<
  Linter.Config['plugins']
>[string];

const ROOT = path.resolve(__dirname, '..', '..');
const linter = new Linter({ configType: 'flat', cwd: ROOT });
const config: Linter.Config[] = [
  {
    files: ['miniprogram/**/*.ts'],
    ignores: ['miniprogram/**/*.test.ts'],
    languageOptions: { parser: tseslint.parser as Linter.Parser },
    plugins: { project: boundary },
    rules: { 'project/miniprogram-boundary': 'error' },
  },
];

async function boundaryMessages(code: string, file = 'miniprogram/pages/index/example.ts'): Promise<string[]> {
  return linter
    .verify(code, config, path.join(ROOT, file))
    .filter((message) => message.ruleId === 'project/miniprogram-boundary')
    .map((message) => message.message);
}

test('a value import from outside miniprogram/ fails, naming the import', async () => {
  expect(
    await boundaryMessages("import { errorBody } from '../../../typings/errors';\nexport const e = errorBody;\n"),
  ).toEqual([expect.stringContaining('"../../../typings/errors" is outside miniprogram/')]);
  expect(await boundaryMessages("export * from '../../../emulator/index';\n")).toHaveLength(1);
  expect(await boundaryMessages("import zod from 'zod';\nexport const z = zod;\n")).toHaveLength(1);
});

test('type-only imports from outside and value imports from inside pass', async () => {
  expect(
    await boundaryMessages("import type { User } from '../../../typings/login';\nexport type U = User;\n"),
  ).toEqual([]);
  expect(
    await boundaryMessages("import { type User } from '../../../typings/login';\nexport type U = User;\n"),
  ).toEqual([]);
  expect(
    await boundaryMessages("import { presentAuthState } from './present';\nexport const p = presentAuthState;\n"),
  ).toEqual([]);
});

test('tests beside the mini-program code are not held to it', async () => {
  expect(
    await boundaryMessages(
      "import { errorBody } from '../../../typings/errors';\nexport const e = errorBody;\n",
      'miniprogram/pages/index/example.test.ts',
    ),
  ).toEqual([]);
});
