/**
 * `npm ci` refuses a lockfile that lacks an optional platform package of a locked dependency
 * (`@swc/core-darwin-arm64`, `@swc/core-win32-x64-msvc` ...). npm leaves such an entry out without
 * a word when the registry has no build of that exact version, so a lockfile written on Linux can
 * fail on the macOS and Windows machines WeChat DevTools runs on. This keeps every platform's entry.
 */
import fs from 'node:fs';
import path from 'node:path';

interface LockedPackage {
  version?: string;
  optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockedPackage>;
};

function missingOptionalPackages(): string[] {
  const missing: string[] = [];
  for (const [where, locked] of Object.entries(lock.packages)) {
    for (const name of Object.keys(locked.optionalDependencies ?? {})) {
      const nested = `${where}/node_modules/${name}`;
      if (!lock.packages[nested] && !lock.packages[`node_modules/${name}`])
        missing.push(`${name} (for ${where || 'the project'})`);
    }
  }
  return missing;
}

test('the lockfile records every optional platform package, so npm ci works on macOS, Windows and Linux', () => {
  expect(missingOptionalPackages()).toEqual([]);
});
