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

export async function startCliSession(parsed: CliOptions, print: (line: string) => void): Promise<CliSession> {
  const cloud = await startLocalCloud(parsed.options);
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
        const counts = cloud.exportData(parsed.exportDir);
        print(`已导出 / exported ${JSON.stringify(counts)} -> ${parsed.exportDir}`);
      }
      await cloud.stop();
    })());
  return { cloud, stop };
}
