/**
 * `npm run build`: bundles every cloud function (cloudfunctions/<name>/src -> index.js).
 * `npm run build -- --watch` rebuilds on change, so WeChat DevTools always uploads fresh code.
 */
import { build, context } from 'esbuild';
import { parseArgs } from 'node:util';
import { functionBuildOptions, listBuildableFunctions } from './functions';

async function buildOnce(names: string[]): Promise<void> {
  for (const name of names) {
    const result = await build(functionBuildOptions(name));
    const bytes = Object.values(result.metafile?.outputs ?? {}).reduce((sum, output) => sum + output.bytes, 0);
    console.log(`built cloudfunctions/${name}/index.js (${(bytes / 1024).toFixed(1)} KiB)`);
  }
}

async function watch(names: string[]): Promise<void> {
  for (const name of names) {
    const options = functionBuildOptions(name);
    const ctx = await context({
      ...options,
      plugins: [
        {
          name: 'report',
          setup(pluginBuild) {
            pluginBuild.onEnd((result) => {
              const status = result.errors.length ? `failed (${result.errors.length} errors)` : 'rebuilt';
              console.log(`${new Date().toLocaleTimeString()} cloudfunctions/${name}/index.js ${status}`);
            });
          },
        },
      ],
      logLevel: 'warning',
    });
    await ctx.watch();
  }
  console.log('watching cloudfunctions/*/src and typings/ (Ctrl-C to stop)');
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { watch: { type: 'boolean', default: false } }, allowPositionals: true });
  const names = positionals.length ? positionals : listBuildableFunctions();
  if (values.watch) await watch(names);
  else await buildOnce(names);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
