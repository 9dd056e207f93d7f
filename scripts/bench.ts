/**
 * `npm run bench`: what a login costs, this project's login side by side with the common template
 * login, both run by the local cloud's function runtime through the real wx-server-sdk.
 * Prints a table (or, with --json, one JSON object and nothing else) on stdout; progress on stderr.
 */
import { parseCommandLine, runCommand } from '@wx-cloud-login/wxcloud';
import { formatReport } from './bench/report-table';
import { FULL_PLAN, QUICK_PLAN } from './bench/plan';
import { createProgress } from './bench/progress';
import { benchPhases, runBench } from './bench/run-bench';
import { formatRuntimeReport, runFirstLoginBench, runRuntimeBench } from './bench/runtime-bench';

const HELP =
  `用法 / Usage: npm run bench -- [options]

对比本项目的登录与常见模板写法（先查询再新增或更新）的开销：数据库请求数、` +
  `延迟、吞吐、并发重复、
规模、冷启动、包大小、小程序启动。
Compares what this project's login costs with the common template login (query, then add or
update): database requests, latency, throughput, duplicates under concurrency, scale, cold start,
package size, mini-program launch.

  --json     只在 stdout 输出一个 JSON 对象 / print one JSON object on stdout, nothing else
  --quick    很短的一轮，数字不可信，用于冒烟测试 / ` +
  `a very short run (figures not to be trusted; smoke test)
  --runtime  只测云函数运行时：空函数冷启动（下限）、登录打包/未打包冷启动、` +
  `热调用开销
             only the function runtime: empty-function cold start (the floor), ` +
  `login bundled/unbundled, warm call overhead
  --first-login 只测新用户登录的延迟（本项目与模板，各并发）/ ` +
  `only first-login latency, ours and the template, at each concurrency
  -h, --help 显示帮助 / show this help`;

async function bench(argv: string[]): Promise<string> {
  const { values } = parseCommandLine(argv, {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    runtime: { type: 'boolean', default: false },
    'first-login': { type: 'boolean', default: false },
  });
  const plan = values.quick ? QUICK_PLAN : FULL_PLAN;
  if (values['first-login']) return `${JSON.stringify(await runFirstLoginBench(plan), null, 2)}\n`;
  if (values.runtime) {
    const figures = await runRuntimeBench(plan);
    return values.json ? `${JSON.stringify(figures, null, 2)}\n` : `${formatRuntimeReport(figures).join('\n')}\n`;
  }
  const report = await runBench(plan, createProgress(process.stderr, benchPhases()));
  return values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report).join('\n')}\n`;
}

runCommand(HELP, async (argv) => {
  const output = await bench(argv);
  // Function instances are child processes: end the process once the output is flushed.
  process.stdout.write(output, () => process.exit(0));
});
