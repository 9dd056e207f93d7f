import type { DeployFacts, FunctionFacts } from './plan';
import { formatPlan, formatProblems, planDeploy, selectFunctions, tcbDeployArgs } from './plan';
import { FUNCTION_FILES_BUDGET_BYTES, INDEX_JS_BUDGET_BYTES } from './limits';

const login: FunctionFacts = {
  name: 'login',
  entry: { name: 'login', runtime: 'Nodejs20.19', timeout: 10, handler: 'index.main', installDependency: false },
  built: 'fresh',
  files: [
    { path: 'index.js', bytes: 67_000 },
    { path: 'package.json', bytes: 227 },
  ],
  hasPackageJson: true,
  dependencies: {},
  platformImports: [],
  disallowedImports: [],
};

const ready: DeployFacts = {
  envId: { ok: true, envId: 'cloud1-abc123', source: 'miniprogram/cloud-envs.ts (develop)' },
  login: { loggedIn: true, method: 'browser' },
  authFile: '/home/dev/.config/.cloudbase/auth.json',
  configProblems: [],
  functions: [login],
};

const whats = (facts: DeployFacts): string =>
  planDeploy(facts)
    .problems.map((problem) => problem.what)
    .join('\n');

describe('selectFunctions', () => {
  it('takes all functions by default and refuses unknown names with the choices', () => {
    expect(selectFunctions([], ['a', 'login'])).toEqual({ names: ['a', 'login'], problems: [] });
    const { names, problems } = selectFunctions(['login', 'nope'], ['login']);
    expect(names).toEqual(['login']);
    expect(problems[0]?.what).toContain(
      '没有云函数 "nope" / no cloud function "nope" (cloudfunctions/nope/src/index.ts).',
    );
    expect(problems[0]?.fix).toBe('可选 / choose from: login');
    expect(selectFunctions([], []).problems).toHaveLength(1);
  });
});

describe('planDeploy', () => {
  it('plans the exact tcb command for a ready project', () => {
    const plan = planDeploy(ready);
    expect(plan.problems).toEqual([]);
    expect(plan.envId).toBe('cloud1-abc123');
    expect(plan.functions.map((fn) => [fn.name, fn.totalBytes])).toEqual([['login', 67_227]]);
    expect(tcbDeployArgs('login', 'cloud1-abc123')).toEqual([
      'fn',
      'deploy',
      'login',
      '--force',
      '-e',
      'cloud1-abc123',
    ]);
  });

  it('says plainly when the env id or the login is missing, with the command to run', () => {
    const plan = planDeploy({
      ...ready,
      envId: { ok: false, reason: 'missing', envVersion: 'develop' },
      login: { loggedIn: false, reason: 'no credential' },
    });
    expect(plan.envId).toBeUndefined();
    expect(plan.problems.map((problem) => problem.what)).toEqual([
      '没有 develop 的环境 ID：miniprogram/cloud-envs.ts 不存在或没有填 / ' +
        'no CloudBase env id for develop: miniprogram/cloud-envs.ts is missing or has none.',
    ]);
    expect(plan.login?.what).toBe(
      'tcb 没有登录 / the tcb CLI is not logged in ' +
        '(凭据文件里没有凭据 / the file holds no credential，/home/dev/.config/.cloudbase/auth.json).',
    );
    expect(plan.problems[0]?.fix).toContain('put your env id in CLOUD_ENV_IDS.develop of miniprogram/cloud-envs.ts');
    const disagree = planDeploy({
      ...ready,
      envId: { ok: false, reason: 'disagree', envVersion: 'release', value: 'a-1', source: '.env', expected: 'b-2' },
    });
    expect(disagree.problems[0]?.what).toContain(
      'CLOUDBASE_ENV_ID=a-1（.env）与 miniprogram/cloud-envs.ts 里 release 的环境 ID b-2 不一致',
    );
    expect(plan.login?.fix).toContain('npx tcb login');
  });

  it('refuses missing or stale bundles', () => {
    expect(whats({ ...ready, functions: [{ ...login, built: 'missing' }] })).toContain(
      'cloudfunctions/login/index.js 不存在 / is missing.',
    );
    expect(whats({ ...ready, functions: [{ ...login, built: 'stale' }] })).toContain('is stale');
  });

  it('refuses a bundle that requires what the cloud will not install, and dependencies nothing needs', () => {
    const facts = { ...ready, functions: [{ ...login, disallowedImports: ['lodash', 'wx-server-sdk'] }] };
    expect(whats(facts)).toContain('requires "lodash" at run time');
    expect(whats(facts)).toContain('requires "wx-server-sdk" at run time');
    const declared = { ...ready, functions: [{ ...login, dependencies: { 'wx-server-sdk': '~4.0.2' } }] };
    expect(whats(declared)).toContain(
      'cloudfunctions/login/package.json 列出了 wx-server-sdk，但 index.js 已打包所需的一切',
    );
    expect(whats({ ...ready, functions: [{ ...login, hasPackageJson: false }] })).toContain('package.json 不存在');
  });

  it('enforces the size budgets', () => {
    const big = {
      ...login,
      files: [
        { path: 'index.js', bytes: INDEX_JS_BUDGET_BYTES + 1 },
        { path: 'data.bin', bytes: FUNCTION_FILES_BUDGET_BYTES },
      ],
    };
    const text = whats({ ...ready, functions: [big] });
    expect(text).toContain('over its 2048.0 KiB budget');
    expect(text).toContain('over the 2112.0 KiB budget');
  });

  it('passes on config problems and unlisted functions', () => {
    const text = whats({
      ...ready,
      configProblems: ['cloudbaserc.json is missing'],
      functions: [{ ...login, entry: undefined }],
    });
    expect(text).toContain('cloudbaserc.json is missing');
    expect(text).toContain('cloudbaserc.json 没有列出 "login"');
  });
});

describe('formatPlan', () => {
  it('prints env, login, each file with its size and budget share, and the command', () => {
    const text = formatPlan(planDeploy(ready), ready).join('\n');
    expect(text).toContain('环境 ID / env id:  cloud1-abc123（来自 / from miniprogram/cloud-envs.ts (develop)）');
    expect(text).toContain(
      '云函数 / function login: runtime Nodejs20.19, 超时 / timeout 10 s, 云端安装 / cloud installs: 无 / none',
    );
    expect(text).toMatch(/index\.js\s+65\.4 KiB\s+预算 \/ budget 2048\.0 KiB \(3%\)/);
    expect(text).toMatch(/total\s+65\.7 KiB\s+预算 \/ budget 2112\.0 KiB/);
    expect(text).toContain('命令 / command: tcb fn deploy login --force -e cloud1-abc123');
  });

  it('shows a placeholder in the command when there is no env id, and problems with fixes', () => {
    const facts = {
      ...ready,
      envId: { ok: false as const, reason: 'missing' as const, envVersion: 'develop' as const },
    };
    expect(formatPlan(planDeploy(facts), facts).join('\n')).toContain('-e <CLOUDBASE_ENV_ID>');
    expect(formatProblems([{ what: 'W', fix: 'F' }])).toEqual(['  ✗ W', '    怎么办 / fix: F']);
  });
});
