/**
 * The options of `wxcloud` (and of `wxcloud exec`; `npm run emulator` in this repository), parsed into what
 * startLocalCloud takes, with the bilingual usage text.
 */
import { parseFaultSpec } from '../host/faults';
import { parseAppSpec } from '../wechat/apps';
import type { LocalCloudOptions } from '../local-cloud';
import { UsageError, parseCommandLine, parsePort } from './command-line';

export const USAGE = `用法 / Usage:
  wxcloud [options]                 在前台运行本地云开发 / run the local cloud in the foreground
  wxcloud exec [options] -- CMD...  启动本地云开发，运行 CMD，停止，以 CMD 的退出码退出
                                    start the local cloud, run CMD, stop, exit with CMD's exit code
  wxcloud doctor [--project DIR]    离线检查项目并给出修改方法 / check the project offline, with fixes
  （在本仓库中用 npm run emulator -- … / in this repository: npm run emulator -- …）

CMD 的环境变量指向模拟器 / CMD runs with the environment pointing at the emulator:
  TCB_CONTEXT_CNFG 等（wx-server-sdk 直接可用 / wx-server-sdk works unchanged）, CLOUDBASE_EMULATOR_URL=<base URL>

选项 / options:
  --port N            127.0.0.1 上的端口，默认随机空闲端口 / port on 127.0.0.1 (default 0: a free port)
  --in-memory         只存内存 / keep data in memory only
  --data DIR          数据目录 / data directory (default .emulator-data/ in the current directory)
  --env ID            cloud.init({ env }) 的环境 ID / environment id (default local-env)
  --collection NAME   启动时创建集合（可重复）/ create a collection at start (repeatable)
  --import DIR        启动时导入 <collection>.json / import <collection>.json files at start
  --export DIR        停止时导出所有集合 / export every collection to DIR when stopping
  --fault SPEC        注入故障 / inject faults, e.g. kind=error,actions=database.getDocument,rate=0.1 (repeatable;
                      kinds latency|error|reset|timeout; keys rate, when=before|after, ms, status)
  --project DIR       项目目录 / project whose project.config.json names the cloud functions and the
                      mini-program (default: the current directory)
  --app APPID:SECRET  模拟的微信认识的小程序（可重复；默认一个本地应用）/ a mini-program the emulated WeChat
                      knows (repeatable; default: one local app, printed at start)
  --logs              打印每次云函数调用的日志 / print every function invocation's log
  -h, --help          显示帮助 / show this help`;

export interface CliOptions {
  options: LocalCloudOptions;
  exportDir?: string;
  logs: boolean;
  help: boolean;
}

export function parseCliOptions(argv: string[]): CliOptions {
  const { values } = parseCommandLine(argv, {
    port: { type: 'string' },
    'in-memory': { type: 'boolean', default: false },
    data: { type: 'string' },
    env: { type: 'string' },
    collection: { type: 'string', multiple: true },
    import: { type: 'string' },
    export: { type: 'string' },
    fault: { type: 'string', multiple: true },
    project: { type: 'string' },
    app: { type: 'string', multiple: true },
    logs: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values['in-memory'] && values.data)
    throw new UsageError('--in-memory 与 --data 不能同时使用 / --in-memory and --data exclude each other');
  let faults;
  let apps;
  try {
    faults = (values.fault ?? []).map(parseFaultSpec);
    apps = (values.app ?? []).map(parseAppSpec);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const options: LocalCloudOptions = {
    port: parsePort(values.port),
    inMemory: values['in-memory'],
    dataDir: values.data,
    envId: values.env,
    collections: values.collection,
    importDir: values.import,
    faults,
    ...(values.project ? { projectRoot: values.project } : {}),
    ...(apps.length ? { wechat: { apps } } : {}),
  };
  return { options, exportDir: values.export, logs: values.logs, help: values.help };
}
