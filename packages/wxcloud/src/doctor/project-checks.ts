/**
 * The checks `doctor` makes on any WeChat cloud project (`wxcloud doctor` in a foreign project):
 * Node, the AppID, cloudbaserc.json against the function folders, each function's config.json, the
 * security rules files and whether the tcb CLI has a login. Each answers findings; none throws.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadCollectionRules } from '../client-database/rules-file';
import { functionsRootFromProject } from '../project';
import { checkFunctionConfig } from './function-config';
import { mustFix, ok, unknown, warn, type Finding } from './finding';
import { TCB_LOGIN_FIX, describeLoginReason, readLoginState } from './tcb-login';

const MIN_NODE_MAJOR = 20;

function readText(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function readJson(file: string): { value?: Record<string, unknown>; error?: string } {
  const text = readText(file);
  if (text === undefined) return {};
  try {
    return { value: JSON.parse(text) as Record<string, unknown> };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export function checkNode(version = process.versions.node): Finding {
  const major = Number(version.split('.')[0]);
  if (major >= MIN_NODE_MAJOR) return ok(`Node ${version}`);
  return mustFix(
    `Node ${version} 太旧 / is too old`,
    `安装 Node ${MIN_NODE_MAJOR} 或更新版本 / install Node ${MIN_NODE_MAJOR} or newer`,
  );
}

export function checkAppId(projectRoot: string): Finding {
  const { value, error } = readJson(path.join(projectRoot, 'project.config.json'));
  if (error)
    return mustFix(
      `project.config.json 不是合法的 JSON / is not valid JSON: ${error}`,
      '改正 JSON 格式 / correct the JSON',
    );
  if (!value)
    return warn(
      '没有 project.config.json：微信开发者工具打不开这个目录 / no project.config.json: WeChat DevTools cannot open this folder',
      '在开发者工具里新建或导入项目生成它 / create or import the project in DevTools',
    );
  const appid = typeof value.appid === 'string' ? value.appid : '';
  if (appid === 'touristappid' || appid === '') {
    return mustFix(
      `project.config.json 的 appid 是 "${appid || '(空 / empty)'}"：游客 AppID 用不了云开发 / ` +
        `the tourist AppID cannot use cloud development`,
      '换成你的小程序 AppID（公众平台 → 开发管理 → 开发设置）/ put your own AppID there (mp.weixin.qq.com → 开发管理 → 开发设置)',
    );
  }
  if (!/^wx[0-9a-f]{16}$/.test(appid))
    return warn(
      `appid "${appid}" 不像小程序 AppID / does not look like an AppID`,
      '核对公众平台里的 AppID（wx 加 16 位十六进制）/ check it: wx and 16 hex digits',
    );
  return ok(`AppID ${appid}`);
}

function functionFolders(functionsRoot: string): string[] {
  if (!existsSync(functionsRoot)) return [];
  return readdirSync(functionsRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
    .map((entry) => entry.name)
    .sort();
}

/** cloudbaserc.json's function entries against the folders (only when the project uses the tcb CLI). */
export function checkCloudbaserc(projectRoot: string): Finding[] {
  const { value, error } = readJson(path.join(projectRoot, 'cloudbaserc.json'));
  if (error)
    return [
      mustFix(`cloudbaserc.json 不是合法的 JSON / is not valid JSON: ${error}`, '改正 JSON 格式 / correct the JSON'),
    ];
  if (!value)
    return [ok('没有 cloudbaserc.json（只用开发者工具部署）/ no cloudbaserc.json (deployed from DevTools only)')];
  const root = typeof value.functionRoot === 'string' ? value.functionRoot : './functions';
  const folders = functionFolders(path.resolve(projectRoot, root));
  const entries = Array.isArray(value.functions) ? (value.functions as Array<{ name?: unknown }>) : [];
  const names = entries.map((entry) => String(entry.name ?? ''));
  const findings: Finding[] = [];
  for (const name of names.filter((entry) => !folders.includes(entry))) {
    findings.push(
      mustFix(
        `cloudbaserc.json 列出了 "${name}"，但 ${root} 下没有这个文件夹 / lists "${name}" with no folder in ${root}`,
        '删掉这一项，或改对 functionRoot / remove the entry or correct functionRoot',
      ),
    );
  }
  for (const folder of folders.filter((entry) => !names.includes(entry))) {
    findings.push(
      warn(
        `${root}/${folder} 没有写进 cloudbaserc.json：tcb fn deploy 会用默认配置 / ` +
          `is not listed in cloudbaserc.json: tcb deploys it with defaults`,
        `在 "functions" 里加上 "${folder}"（runtime、timeout、handler）/ add it to "functions"`,
      ),
    );
  }
  if (!findings.length)
    findings.push(
      ok(
        `cloudbaserc.json 与 ${root} 的 ${folders.length} 个云函数一致 / matches the ${folders.length} function folder(s)`,
      ),
    );
  return findings;
}

export function checkFunctionConfigs(projectRoot: string): Finding[] {
  const functionsRoot = functionsRootFromProject(projectRoot);
  const folders = functionFolders(functionsRoot);
  if (!folders.length)
    return [
      warn(
        `${path.relative(projectRoot, functionsRoot) || '.'} 下没有云函数 / no cloud function found`,
        '检查 project.config.json 的 cloudfunctionRoot / check cloudfunctionRoot in project.config.json',
      ),
    ];
  return folders.flatMap((name) => checkFunctionConfig(name, readText(path.join(functionsRoot, name, 'config.json'))));
}

export function checkRulesFiles(projectRoot: string): Finding {
  try {
    const rules = loadCollectionRules(functionsRootFromProject(projectRoot));
    const names = [...rules.keys()];
    return names.length
      ? ok(`安全规则 / security rules: ${names.map((name) => `${name}.rules.json`).join(', ')}`)
      : warn(
          '没有 <集合>.rules.json：客户端不能直接读写任何集合 / ' +
            'no <collection>.rules.json: clients can read and write no collection directly',
          '需要客户端直接读写时，在云函数文件夹里加规则文件 / add one where the client reads directly',
        );
  } catch (error) {
    return mustFix(
      `安全规则文件有误 / a rules file is wrong: ${(error as Error).message}`,
      '改正这个文件：{ "read": 规则, "write": 规则 } / correct it',
    );
  }
}

export function checkTcbLogin(env: NodeJS.ProcessEnv, now: number): Finding {
  const { login, authFile } = readLoginState(env, now);
  if (login.loggedIn) {
    return unknown(
      `tcb 有登录凭据（${login.method === 'api key' ? 'API 密钥' : '浏览器登录'}）；离线无法确认它是否仍有效 / ` +
        `the tcb CLI has a credential; offline it cannot tell whether it is still valid`,
      '联网时运行 `npx tcb env list` 确认 / online, run `npx tcb env list` to be sure',
    );
  }
  return warn(
    `tcb 没有登录（${describeLoginReason(login)}，${authFile}），部署前需要登录 / the tcb CLI is not logged in; deploying needs it`,
    TCB_LOGIN_FIX,
  );
}
