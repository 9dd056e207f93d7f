/**
 * One emulator run from the command line, shared by `npm run emulator` and its `exec`: start the
 * local cloud, say where it is (in Chinese and English), print function logs when asked, and stop
 * it, exporting the data first when asked.
 */
import { prepareConsole } from '../console/service';
import { formatInvocation } from '../functions';
import { startLocalCloud, type LocalCloud } from '../local-cloud';
import { describeApps } from '../wechat/describe';
import type { CliOptions } from './options';

export interface CliSession {
  cloud: LocalCloud;
  /** Exports (with --export) and stops; safe to call more than once. */
  stop(): Promise<void>;
}

/** The lines that say where the emulator is; the first holds `ready at <base URL>`. */
export function readyLines(cloud: LocalCloud): string[] {
  const functions =
    cloud.runtime
      .listFunctions()
      .map((definition) => definition.name)
      .join(', ') || '无 / none';
  const data = cloud.dataDir ? `数据目录 / data in ${cloud.dataDir}` : '数据只在内存 / data in memory';
  return [
    `模拟器已启动 / CloudBase emulator ready at ${cloud.baseUrl}`,
    `  数据库 / database:    ${cloud.dbUrl}  (环境 / env ${cloud.envId}; ${data})`,
    `  云函数 / functions:   ${functions}  (POST ${cloud.baseUrl}/functions/<name>)`,
    `  控制台 / console:     ${cloud.baseUrl}/`,
    `  微信 / WeChat:        ${describeApps(cloud)}`,
  ];
}

/** With --inspect-functions: where debuggers attach, and each instance's inspector as it starts listening. */
function announceInspectors(cloud: LocalCloud, parsed: CliOptions, print: (line: string) => void): void {
  const port = parsed.options.functions?.inspectPort;
  if (port === undefined) return;
  print(
    `  调试 / debugging:     云函数实例从端口 ${port} 起监听调试器（每个函数一个实例，不计超时）；Chrome 打开 chrome://inspect，或用 VS Code 附加到 ${port}`,
  );
  print(
    `                       function instances listen for a debugger from port ${port} ` +
      `(one instance per function, no timeouts); open chrome://inspect or attach VS Code to ${port}`,
  );
  cloud.runtime.subscribe((event) => {
    if (event.type !== 'inspector') return;
    const where = `  [debug] ${event.functionName} 实例 / instance ${event.instanceId}: 127.0.0.1:${event.port}`;
    print(
      event.url ? `${where} ${event.url}` : `${where} 调试器没有启动，端口可能被占用 / no debugger: ${event.error}`,
    );
  });
}

export async function startCliSession(parsed: CliOptions, print: (line: string) => void): Promise<CliSession> {
  const cloud = await startLocalCloud(parsed.options);
  announceInspectors(cloud, parsed, print);
  if (parsed.logs) {
    cloud.runtime.subscribe((event) => {
      if (event.type === 'invocation') formatInvocation(event.record).forEach((line) => print(`  [fn] ${line}`));
    });
  }
  readyLines(cloud).forEach(print);
  prepareConsole();
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (parsed.exportDir) {
        const counts = cloud.database.exportData(parsed.exportDir);
        print(`已导出 / exported ${JSON.stringify(counts)} -> ${parsed.exportDir}`);
      }
      await cloud.stop();
    })());
  return { cloud, stop };
}
