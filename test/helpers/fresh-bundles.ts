/**
 * Jest's global setup: the suites run the built cloudfunctions/<name>/index.js, as the emulator and
 * the service do. A bundle that is missing or differs from what src/ builds today is rebuilt first,
 * with one line saying so, so a test never meets a function the platform "cannot find" (-501000) or
 * an old build of changed sources.
 */
import { buildInMemory, buildToDisk, builtState, readBuiltFile } from '../../scripts/deploy/build';
import { listBuildableFunctions } from '../../scripts/functions';

export default async function freshBundles(): Promise<void> {
  for (const name of listBuildableFunctions()) {
    const state = builtState(readBuiltFile(name), (await buildInMemory(name)).code);
    if (state === 'fresh') continue;
    await buildToDisk(name);
    const why = state === 'missing' ? '缺失 / missing' : '源码已改动 / its sources changed';
    console.log(`已重新构建 / rebuilt cloudfunctions/${name}/index.js (${why})`);
  }
}
