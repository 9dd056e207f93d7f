/**
 * `wxcloud doctor [--project DIR]`: the checks that apply to any WeChat cloud project, offline
 * (doctor/). Exit code 1 when something must be fixed.
 */
import path from 'node:path';
import { printDoctorReport, projectSections } from '../doctor';
import { parseCommandLine } from './command-line';

export const DOCTOR_USAGE = `用法 / Usage: wxcloud doctor [--project DIR]

离线检查一个微信云开发项目：Node 版本、AppID、cloudbaserc.json 与云函数文件夹、每个云函数的
config.json（超时、内存、触发器、开放接口权限）、安全规则文件、tcb 是否登录，并列出常见错误的原因。
有必须修改的问题时退出码为 1。
Checks a WeChat cloud project offline: Node, the AppID, cloudbaserc.json against the function folders,
each function's config.json (timeout, memory, triggers, open API permissions), rules files, the tcb
login, and lists the causes of common errors. Exit code 1 when something must be fixed.

  --project DIR   项目目录，默认当前目录 / the project folder (default: the current directory)
  -h, --help      显示帮助 / show this help`;

export function runDoctor(argv: string[]): number {
  const { values } = parseCommandLine(argv, { project: { type: 'string' } });
  const projectRoot = path.resolve(values.project ?? process.cwd());
  return printDoctorReport(projectSections(projectRoot), (line) => console.log(line));
}
