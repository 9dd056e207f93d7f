/** Discovery of the fixture project's functions. */
import path from 'node:path';
import { discoverFunctions, functionsRootFromProject, readFunction } from './discovery';
import { DEFAULT_TIMEOUT_SECONDS } from './limits';

const projectRoot = path.join(__dirname, 'fixtures');
const functionsRoot = path.join(projectRoot, 'cloudfunctions');

describe('discovery', () => {
  it('finds the functions folder through project.config.json', () => {
    expect(functionsRootFromProject(projectRoot)).toBe(functionsRoot);
  });

  it('lists every folder with an index.js, with its timeout', () => {
    const functions = discoverFunctions(functionsRoot);
    expect(functions.map((definition) => definition.name)).toEqual([
      'broken',
      'caller',
      'echo',
      'exiter',
      'hog',
      'hold',
      'legacy',
      'slow',
      'spinner-at-load',
      'thrower',
    ]);
    expect(functions.find((definition) => definition.name === 'slow')?.timeoutSeconds).toBe(1);
    expect(functions.find((definition) => definition.name === 'thrower')?.timeoutSeconds).toBe(DEFAULT_TIMEOUT_SECONDS);
    expect(functions.find((definition) => definition.name === 'echo')?.entryFile).toBe(
      path.join(functionsRoot, 'echo', 'index.js'),
    );
  });

  it('does not find a missing function nor a name that leaves the folder', () => {
    expect(readFunction(functionsRoot, 'missing')).toBeUndefined();
    expect(readFunction(functionsRoot, '../fixtures')).toBeUndefined();
    expect(discoverFunctions(path.join(projectRoot, 'nowhere'))).toEqual([]);
  });
});
