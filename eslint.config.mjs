import tseslint from 'typescript-eslint';
import boundary from './scripts/lint/miniprogram-boundary.cjs';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'packages/*/dist/',
      'cloudfunctions/*/index.js',
      '.build/',
      '.emulator-data/',
      'coverage/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  { files: ['**/*.cjs', '**/*-fixture/**/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['miniprogram/**/*.ts'],
    ignores: ['miniprogram/**/*.test.ts'],
    plugins: { project: boundary },
    rules: { 'project/miniprogram-boundary': 'error' },
  },
);
