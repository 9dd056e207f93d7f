/**
 * `npm run doctor`: checks this project offline and says how to fix each finding, Chinese first.
 * The local cloud's generic checks (`wxcloud doctor`: Node, AppID, cloudbaserc.json, config.json,
 * rules files, tcb login) plus this project's own (scripts/doctor/). Exit code 1 when something
 * must be fixed.
 */
import { parseCommandLine, printDoctorReport, projectSections, runCommand } from '@wx-cloud-login/wxcloud';
import { PROJECT_ROOT } from './functions';
import { projectSpecificSections } from './doctor/project-findings';

const HELP = `用法 / Usage: npm run doctor

离线体检：Node 版本、依赖、云函数构建是否最新、miniprogram/cloud-envs.ts 里每个版本的环境 ID、AppID、
cloudbaserc.json 与云函数文件夹、每个云函数的 config.json、安全规则文件、tcb 是否登录，以及常见错误的原因。
每个问题附修改方法；有必须修改的问题时退出码为 1。
Checks the project offline: Node, dependencies, fresh bundles, the env id of each version, the AppID,
cloudbaserc.json, each config.json, rules files, the tcb login, and the causes of common errors. A fix
per finding; exit code 1 when something must be fixed.

  -h, --help   显示帮助 / show this help`;

async function main(argv: string[]): Promise<number> {
  parseCommandLine(argv, {});
  const [environment, ...generic] = projectSections(PROJECT_ROOT);
  const sections = [
    ...(environment ? [environment] : []),
    ...(await projectSpecificSections(PROJECT_ROOT, process.env)),
    ...generic,
  ];
  return printDoctorReport(sections, (line) => console.log(line));
}

runCommand(HELP, main);
