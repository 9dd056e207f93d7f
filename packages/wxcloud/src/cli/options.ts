/**
 * The options of `wxcloud` (and of `wxcloud exec`; `npm run emulator` in this repository), parsed into what
 * startLocalCloud takes, with the bilingual usage text.
 */
import { parseFaultSpec } from '../host/faults';
import { parseAppSpec } from '../wechat/apps';
import { parseTemplateSpec } from '../messages/templates';
import type { LocalCloudOptions } from '../local-cloud';
import { UsageError, parseCommandLine, parsePort } from './command-line';

export const USAGE = `用法 / Usage:
  wxcloud [options]                 在前台运行本地云开发 / run the local cloud in the foreground
  wxcloud exec [options] -- CMD...  启动本地云开发，运行 CMD，停止，以 CMD 的退出码退出
                                    start the local cloud, run CMD, stop, exit with CMD's exit code
  wxcloud trigger FN --url URL      立即触发运行中模拟器里云函数 FN 的定时触发器（--trigger NAME 可选）
                                    fire function FN's timer trigger now on a running emulator
  wxcloud doctor [--project DIR]    离线检查项目并给出修改方法 / check the project offline, with fixes
  （在本仓库中用 npm run emulator -- … / in this repository: npm run emulator -- …）

CMD 的环境变量指向模拟器 / CMD runs with the environment pointing at the emulator:
  TCB_CONTEXT_CNFG 等（wx-server-sdk 直接可用 / wx-server-sdk works unchanged）, CLOUDBASE_EMULATOR_URL=<base URL>,
  NODE_OPTIONS 加上 --require（旧版 SDK 写死的地址转到模拟器 / routes the hosts old SDKs hard-code）

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
  --app APPID:SECRET[:KIND]  模拟的微信认识的应用（可重复；默认一个本地小程序）。KIND：miniprogram（默认）、
                      mp（公众号网页授权）、website（网站扫码登录）；同一本地云的应用属于同一个开放平台账号 /
                      an app the emulated WeChat knows (repeatable; default: one local mini-program); all apps
                      share one Open Platform account, so a person has one UnionID
  --template ID:FIELDS 订阅消息模板，字段用逗号分隔（可重复；也可写在项目的 wxcloud.templates.json）/ a subscribe
                      template, e.g. TPL1:thing1,time2 (repeatable; or in the project's wxcloud.templates.json)
  --logs              打印每次云函数调用的日志 / print every function invocation's log
  --inspect-functions [PORT]  调试云函数 / debug the functions:
                      让 Chrome DevTools / VS Code 连接云函数实例并在函数源码里断点（默认端口 9229；
                      每个函数一次只运行一个实例，不计超时）/ let Chrome DevTools or VS Code attach to function
                      instances and stop at breakpoints (default port 9229; one instance per function, no timeouts)
  -h, --help          显示帮助 / show this help`;

export interface CliOptions {
  options: LocalCloudOptions;
  exportDir?: string;
  logs: boolean;
  help: boolean;
}

/** The inspector's default port, as for `node --inspect`. */
export const DEFAULT_INSPECT_PORT = 9229;

/** `--inspect-functions` takes an optional port: give the bare flag the default one (parseArgs needs a value). */
function withInspectPort(argv: string[]): string[] {
  return argv.flatMap((arg, index) => {
    const next = argv[index + 1];
    const bare = arg === '--inspect-functions' && (next === undefined || next.startsWith('-'));
    return bare ? [arg, String(DEFAULT_INSPECT_PORT)] : [arg];
  });
}

export function parseCliOptions(argv: string[]): CliOptions {
  const { values } = parseCommandLine(withInspectPort(argv), {
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
    template: { type: 'string', multiple: true },
    logs: { type: 'boolean', default: false },
    'inspect-functions': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values['in-memory'] && values.data)
    throw new UsageError('--in-memory 与 --data 不能同时使用 / --in-memory and --data exclude each other');
  let faults;
  let apps;
  let templates;
  try {
    faults = (values.fault ?? []).map(parseFaultSpec);
    apps = (values.app ?? []).map(parseAppSpec);
    templates = (values.template ?? []).map(parseTemplateSpec);
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
    ...(templates.length ? { messages: { templates } } : {}),
    ...(values['inspect-functions'] === undefined
      ? {}
      : { functions: { inspectPort: parseInspectPort(values['inspect-functions']) } }),
  };
  return { options, exportDir: values.export, logs: values.logs, help: values.help };
}

function parseInspectPort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1024 || port > 65535)
    throw new UsageError(
      `--inspect-functions 的端口必须是 1024-65535 的整数 / ` +
        `the port of --inspect-functions must be an integer 1024-65535, got "${value}"`,
    );
  return port;
}
