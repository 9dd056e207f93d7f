/**
 * Reading the tcb CLI's output. @cloudbase/cli 2.12 exits 0 even when a deployment fails (it
 * prints "✖ [name] 函数部署失败" and "错误信息: ..." and returns normally), so success is decided
 * from the output: a success line, and no failure line. Known messages map to their likely fix.
 */

export interface LikelyCause {
  cause: string;
  fix: string;
}

interface KnownFailure extends LikelyCause {
  pattern: RegExp;
}

/** One case-insensitive pattern matching any of `alternatives`. */
function anyOf(...alternatives: RegExp[]): RegExp {
  return new RegExp(alternatives.map((alternative) => alternative.source).join('|'), 'i');
}

/** Ordered: the first matching entries are shown; several can apply. */
const KNOWN_FAILURES: KnownFailure[] = [
  {
    pattern:
      /No valid identity|无有效身份信息|身份信息|AuthFailure|UnauthorizedOperation|please use cloudbase login|Token 刷新失败/i,
    cause: 'tcb 没有登录或登录已过期 / the tcb CLI is not logged in, or its login has expired',
    fix:
      '运行 / run `npx tcb login` (or in CI ' +
      '`npx tcb login --apiKeyId <SecretId> --apiKey <SecretKey>`), then deploy again',
  },
  {
    pattern: anyOf(
      /环境 ?Id.{0,40}不存在|environment ID.{0,60}does not exist/,
      /ResourceNotFound\.Env|EnvNotExist|Invalid ?EnvId|InvalidParameter.{0,40}Env/,
      /无法读取到有效的环境信息|不属于当前账号|env(ironment)? (id )?not (found|exist)/,
    ),
    cause:
      '环境 ID 不对：这个账号下没有这个环境（或在别的地域）/ ' +
      'wrong env id: this account has no CloudBase environment with that id (or it is in another region)',
    fix:
      '从云开发控制台 → 设置复制环境 ID 到 miniprogram/cloud-envs.ts，并用拥有它的账号登录 / ' +
      'copy the env id from the CloudBase console into miniprogram/cloud-envs.ts; ' +
      'log in with the account that owns it',
  },
  {
    pattern: /-404011/,
    cause:
      '云函数执行失败（-404011）/ cloud function execution error (-404011): ' +
      'the function is not deployed in that environment, or it crashed while loading',
    fix:
      '部署到 wx.cloud.init 用的环境，再看控制台里的函数日志 / ' +
      'deploy it to the env that wx.cloud.init uses, then read the function log in the console; ' +
      '"Cannot find module" there means an index.js that does not bundle everything',
  },
  {
    pattern: /Cannot find module|MODULE_NOT_FOUND|-504002|依赖安装失败|InstallDependency|dependenc(y|ies) install/i,
    cause:
      '缺少模块 / missing module: ' +
      'index.js requires a package that is neither bundled nor installed ' +
      '(an old upload, or a build without the bundled SDK)',
    fix:
      '再运行一次 `npm run deploy` / run `npm run deploy` again ' +
      '(it rebuilds index.js with everything bundled); ' +
      'in DevTools run `npm run build` first, then "上传并部署：所有文件"',
  },
  {
    pattern: /处于(Updating|更新)状态|FailedOperation\.UpdateFunctionCode|ResourceInUse\.Function\b/i,
    cause: '上一次部署还在更新这个函数 / the function is still being updated by a previous deployment',
    fix: '等一分钟再运行 `npm run deploy` / wait a minute and run `npm run deploy` again',
  },
  {
    pattern: /ETIMEDOUT|ECONNREFUSED|ENOTFOUND|ECONNRESET|请求超时|NetworkError|socket hang up/i,
    cause: 'tcb 连不上腾讯云 / the CLI could not reach Tencent Cloud',
    fix:
      '检查网络，有代理时设置 HTTP_PROXY / HTTPS_PROXY / ' +
      'check the network; behind a proxy set HTTP_PROXY / HTTPS_PROXY for the terminal',
  },
  {
    pattern: /LimitExceeded|数量已达上限/i,
    cause: '环境的云函数数量已达上限 / the environment has reached its function quota',
    fix: '删掉不用的云函数，或在控制台升级套餐 / delete unused functions or upgrade the plan in the console',
  },
];

const SUCCESS = /云函数部署成功|函数部署成功|deployed successfully/i;
const FAILURE = /✖|部署失败|deployment failed|错误信息|Error:|unhandledRejection/i;

export type TcbOutcome = { ok: true } | { ok: false; message: string; causes: LikelyCause[] };

/** Known causes found in a failed run's output, most specific first. */
export function explainCliFailure(output: string): LikelyCause[] {
  return KNOWN_FAILURES.filter((known) => known.pattern.test(output)).map(({ cause, fix }) => ({ cause, fix }));
}

/** The CLI's own failure lines (error message, code, request id), without spinner noise. */
export function failureLines(output: string): string[] {
  const lines = output
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const interesting = lines.filter(
    (line) => /✖|失败|错误|Error|error|RequestId|-\d{5,6}\b/.test(line) && !/^\s*at /.test(line),
  );
  return [...new Set(interesting.length ? interesting : lines.slice(-5))].slice(0, 12);
}

/** Decides from exit code and output whether `tcb fn deploy` really deployed. */
export function interpretTcbResult(exitCode: number, output: string): TcbOutcome {
  if (exitCode === 0 && SUCCESS.test(output) && !FAILURE.test(output)) return { ok: true };
  const message =
    failureLines(output).join('\n') ||
    `tcb 以退出码 ${exitCode} 结束，没有输出 / tcb exited with code ${exitCode} and printed nothing`;
  const causes = explainCliFailure(output);
  if (causes.length === 0 && exitCode === 0 && !FAILURE.test(output)) {
    return {
      ok: false,
      message,
      causes: [
        {
          cause: 'tcb 结束了但没有报告成功 / the CLI finished without reporting success',
          fix:
            '看上面的输出；`npx tcb fn list` 列出已部署的函数 / ' +
            'read its output above; run `npx tcb fn list` to see what is deployed',
        },
      ],
    };
  }
  return { ok: false, message, causes };
}
