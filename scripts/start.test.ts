import { execFileSync } from 'node:child_process';
import path from 'node:path';

it('explains its options with --help', () => {
  const root = path.resolve(__dirname, '..');
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--help'], {
    cwd: root,
    encoding: 'utf8',
  });
  for (const option of ['--port', '--data', '--in-memory', '--reset', '--no-demo', '--exit', '--logs'])
    expect(out).toContain(option);
  expect(out).toMatch(/Usage: npm start/);
});
