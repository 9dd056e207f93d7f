/**
 * `npm run build`: bundles every cloud function (cloudfunctions/<name>/src -> index.js).
 * `npm run dev` (`npm run build -- --watch`) rebuilds on change, so WeChat DevTools always
 * uploads fresh code.
 */
import { parseCommandLine, runCommand } from '@wx-cloud-login/wxcloud';
import { bundleFunction, listBuildableFunctions, watchFunction } from './functions';

const USAGE = `用法 / Usage: npm run build -- [<function>...] [--watch]

构建云函数（cloudfunctions/<name>/src -> index.js，wx-server-sdk 一并打包）。
Bundles the cloud functions (cloudfunctions/<name>/src -> index.js, wx-server-sdk included).

  <function>      只构建这些函数 / build only these functions (default: all)
  --watch         源码变化时重新构建（npm run dev）/ rebuild on every change (npm run dev)
  -h, --help      显示帮助 / show this help`;

async function buildOnce(names: string[]): Promise<void> {
  for (const name of names) {
    const { bytes } = await bundleFunction(name);
    console.log(`已构建 / built cloudfunctions/${name}/index.js (${(bytes / 1024).toFixed(1)} KiB)`);
  }
}

async function watch(names: string[]): Promise<void> {
  for (const name of names) {
    await watchFunction(name, (errors) => {
      const status = errors ? `构建失败 / failed (${errors} errors)` : '已重新构建 / rebuilt';
      console.log(`${new Date().toTimeString().slice(0, 8)} cloudfunctions/${name}/index.js ${status}`);
    });
  }
  console.log('监视中 / watching cloudfunctions/*/src and typings/ (Ctrl-C 停止 / to stop)');
  const stop = (signal: string) => {
    console.log(`\n已停止监视 / stopped watching (${signal})`);
    process.exit(0);
  };
  process.once('SIGINT', () => stop('Ctrl-C'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

runCommand(USAGE, async (argv) => {
  const { values, positionals } = parseCommandLine(
    argv,
    { watch: { type: 'boolean', default: false } },
    { positionals: true },
  );
  const names = positionals.length ? positionals : listBuildableFunctions();
  if (values.watch) await watch(names);
  else await buildOnce(names);
});
