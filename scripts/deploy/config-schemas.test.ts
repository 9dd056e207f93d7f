import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkCloudbaserc, checkProjectConfig, nodeMajor, normalizeRoot } from './config-rules';
import { cloudbasercSchema, envTemplateName, formatIssues, projectConfigSchema } from './config-schemas';
import { functionsOnDisk } from './facts';
import { FUNCTIONS_ROOT, PROJECT_ROOT, listBuildableFunctions } from '../functions';

const readJson = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(PROJECT_ROOT, file), 'utf8'));
const cloudbaserc = readJson('cloudbaserc.json');
const projectConfig = readJson('project.config.json');
const firstFunction = (): Record<string, unknown> =>
  (cloudbaserc.functions as Record<string, unknown>[])[0] as Record<string, unknown>;

describe('cloudbaserc.json', () => {
  it('matches the documented format', () => {
    const result = cloudbasercSchema.safeParse(cloudbaserc);
    expect(result.success ? [] : formatIssues(result.error)).toEqual([]);
  });

  it('lists every function under cloudfunctions/ with the rules both deployment paths need', () => {
    const names = listBuildableFunctions();
    expect(names.length).toBeGreaterThan(0);
    expect(checkCloudbaserc(cloudbasercSchema.parse(cloudbaserc), functionsOnDisk(FUNCTIONS_ROOT, names))).toEqual([]);
  });

  it.each([
    ['a misspelt field', { ...firstFunction(), timeOut: 10 }, 'timeOut'],
    ['a timeout beyond 60 s', { ...firstFunction(), timeout: 120 }, 'timeout'],
    ['an unknown runtime', { ...firstFunction(), runtime: 'Nodejs16' }, 'runtime'],
    ['a non-boolean installDependency', { ...firstFunction(), installDependency: 'true' }, 'installDependency'],
  ])('rejects %s', (_label, fn, field) => {
    const result = cloudbasercSchema.safeParse({ ...cloudbaserc, functions: [fn] });
    expect(result.success).toBe(false);
    if (!result.success) expect(formatIssues(result.error).join('\n')).toContain(field);
  });

  it('rejects an envId that is neither an env id nor a dynamic variable', () => {
    expect(cloudbasercSchema.safeParse({ ...cloudbaserc, envId: '{{ENV}}' }).success).toBe(false);
    expect(cloudbasercSchema.safeParse({ ...cloudbaserc, envId: 'cloud1-9gabc123' }).success).toBe(true);
  });

  it('reports rule breaks: unlisted function, timeout drift, missing runtime, hard-coded env id', () => {
    const config = cloudbasercSchema.parse({
      version: '2.0',
      envId: 'cloud1-abc',
      functionRoot: './functions',
      functions: [
        {
          name: 'login',
          timeout: 3,
          handler: 'index.main',
          installDependency: false,
          ignore: ['node_modules', 'node_modules/**', 'src/**'],
        },
      ],
    });
    const problems = checkCloudbaserc(config, [
      { name: 'login', configTimeout: 10 },
      { name: 'orders', configTimeout: 5 },
    ]).join('\n');
    expect(problems).toContain('"envId" must be "{{env.CLOUDBASE_ENV_ID}}"');
    expect(problems).toContain('"functionRoot" must be "./cloudfunctions"');
    expect(problems).toContain('set "runtime" explicitly');
    expect(problems).toContain('timeout 3 differs from config.json timeout 10');
    expect(problems).toContain('function "orders" is not listed');
  });

  it('refuses a runtime older than the bundle target and a listed function with no folder', () => {
    const config = cloudbasercSchema.parse({
      ...cloudbaserc,
      functions: [
        { ...firstFunction(), runtime: 'Nodejs14.18' },
        { ...firstFunction(), name: 'ghost' },
      ],
    });
    const problems = checkCloudbaserc(config, functionsOnDisk(FUNCTIONS_ROOT, ['login'])).join('\n');
    expect(problems).toContain('older than the bundle target node16');
    expect(problems).toContain('"ghost" has no folder');
  });

  it('refuses a cloud install of dependencies: index.js bundles them', () => {
    const config = cloudbasercSchema.parse({
      ...cloudbaserc,
      functions: [{ ...firstFunction(), installDependency: true }],
    });
    expect(checkCloudbaserc(config, functionsOnDisk(FUNCTIONS_ROOT, ['login'])).join('\n')).toContain(
      'set "installDependency": false',
    );
  });

  it('reads env templates and runtimes', () => {
    expect(envTemplateName('{{env.CLOUDBASE_ENV_ID}}')).toBe('CLOUDBASE_ENV_ID');
    expect(envTemplateName('{{tcb.envId}}')).toBeUndefined();
    expect(nodeMajor('Nodejs18.15')).toBe(18);
    expect(nodeMajor('Python3.9')).toBeUndefined();
    expect(normalizeRoot('./cloudfunctions/')).toBe('cloudfunctions');
  });
});

describe('project.config.json', () => {
  it('matches the documented DevTools format and opens with cloud functions and TypeScript', () => {
    const result = projectConfigSchema.safeParse(projectConfig);
    expect(result.success ? [] : formatIssues(result.error)).toEqual([]);
    expect(checkProjectConfig(projectConfigSchema.parse(projectConfig))).toEqual([]);
  });

  it.each([
    ['an unknown pack rule type', { packOptions: { ignore: [{ type: 'wildcard', value: '*.md' }] } }, 'packOptions'],
    ['an absolute miniprogramRoot', { miniprogramRoot: '/abs/miniprogram' }, 'miniprogramRoot'],
    ['a malformed appid', { appid: 'wx123' }, 'appid'],
    ['an unknown compiler plugin', { setting: { useCompilerPlugins: ['coffeescript'] } }, 'useCompilerPlugins'],
  ])('rejects %s', (_label, change, field) => {
    const result = projectConfigSchema.safeParse({ ...projectConfig, ...change });
    expect(result.success).toBe(false);
    if (!result.success) expect(formatIssues(result.error).join('\n')).toContain(field);
  });

  it('asks for cloudfunctionRoot, the typescript plugin and an explained placeholder appid', () => {
    const config = projectConfigSchema.parse({
      ...projectConfig,
      cloudfunctionRoot: 'functions/',
      description: 'demo',
      setting: {},
    });
    const problems = checkProjectConfig(config).join('\n');
    expect(problems).toContain('"cloudfunctionRoot" must be "cloudfunctions/"');
    expect(problems).toContain('useCompilerPlugins must include "typescript"');
    expect(problems).toContain('touristappid must be explained');
  });
});
