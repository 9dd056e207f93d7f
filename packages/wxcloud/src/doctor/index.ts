/**
 * `doctor`: what is wrong with a WeChat cloud project and how to fix it, offline. `runDoctor` takes
 * the project's own checks too (the login foundation adds its bundles and env ids), prints the report
 * (Chinese first) and answers the exit code: 1 when something must be fixed.
 */
import { COMMON_ERRORS } from './common-errors';
import { exitCodeOf, formatReport, type Section } from './finding';
import {
  checkAppId,
  checkCloudbaserc,
  checkFunctionConfigs,
  checkNode,
  checkRulesFiles,
  checkTcbLogin,
} from './project-checks';

export { COMMON_ERRORS } from './common-errors';
export { checkFunctionConfig } from './function-config';
export { exitCodeOf, formatReport, mustFix, ok, unknown, warn, type Finding, type Section } from './finding';
export * from './tcb-login';

/** The checks that apply to any project. */
export function projectSections(
  projectRoot: string,
  env: NodeJS.ProcessEnv = process.env,
  now = Date.now(),
): Section[] {
  return [
    { title: '环境 / environment', findings: [checkNode()] },
    { title: '小程序项目 / the mini-program project', findings: [checkAppId(projectRoot)] },
    {
      title: '云函数配置 / cloud function configuration',
      findings: [...checkCloudbaserc(projectRoot), ...checkFunctionConfigs(projectRoot)],
    },
    { title: '数据库安全规则 / database security rules', findings: [checkRulesFiles(projectRoot)] },
    { title: '部署工具 / the deploy tool', findings: [checkTcbLogin(env, now)] },
  ];
}

/** The common errors and their causes, as report lines. */
export function commonErrorLines(): string[] {
  const lines = ['', '常见错误及原因 / common errors and their causes'];
  for (const error of COMMON_ERRORS) lines.push(`  ${error.code}: ${error.meaning}`, `    怎么办 / fix: ${error.fix}`);
  return lines;
}

/** Prints the report of the given sections and the common errors; answers the exit code. */
export function printDoctorReport(sections: Section[], print: (line: string) => void): number {
  print('体检 / doctor: 离线检查项目，每个问题附修改方法 / checks the project offline, with a fix per finding');
  [...formatReport(sections), ...commonErrorLines()].forEach(print);
  return exitCodeOf(sections);
}
