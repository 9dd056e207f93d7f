/**
 * zod schemas for the two deployment config files, written from the tools' documented formats:
 * - cloudbaserc.json (tcb CLI: docs.cloudbase.net/cli-v1/config and cli-v1/functions/configs, plus
 *   the runtimes the CLI 2.12 offers), and
 * - project.config.json (WeChat DevTools: developers.weixin.qq.com/miniprogram/dev/devtools/projectconfig).
 * A typo or a wrong type fails `npm test` instead of the upload. Project rules that go beyond the
 * documented formats (explicit runtime, timeout equal to config.json, ...) live in config-rules.ts.
 */
import { z } from 'zod';
import { formatIssue } from '../../typings/zod-messages';

/** Runtimes offered by @cloudbase/cli 2.12 (`RuntimeOptions`) plus the older Node ones it still accepts. */
export const CLOUDBASE_RUNTIMES = [
  'Nodejs24.11',
  'Nodejs22.21',
  'Nodejs20.19',
  'Nodejs18.15',
  'Nodejs16.13',
  'Nodejs14.18',
  'Nodejs12.16',
  'Nodejs10.15',
  'Nodejs8.9',
  'Python3.11',
  'Python3.10',
  'Python3.9',
  'Python3.7',
  'Php8.0',
  'Php7.4',
  'Java11',
  'Java8',
  'Go1',
] as const;

/** Documented limits of a CloudBase function (cli-v1/functions/configs). */
export const FUNCTION_TIMEOUT_RANGE_S = { min: 1, max: 60 } as const;
export const FUNCTION_MEMORY_SIZES_MB = [128, 256, 512, 1024, 2048] as const;

/** Function names: letters, digits, `-` and `_`, starting with a letter (SCF naming rule). */
const functionName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/, 'letters, digits, - and _, starting with a letter');
/** A `{{namespace.NAME}}` dynamic variable (config version 2.0) or a literal value. */
const TEMPLATE = /^\{\{\s*(env|tcb|util)\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/;

const trigger = z.object({ name: z.string().min(1), type: z.literal('timer'), config: z.string().min(1) }).strict();

export const cloudbaseFunctionSchema = z
  .object({
    name: functionName,
    dir: z.string().optional(),
    handler: z
      .string()
      .regex(/^[\w-]+(\.[\w$-]+)+$|::/, 'file.function, e.g. index.main')
      .optional(),
    runtime: z.enum(CLOUDBASE_RUNTIMES).optional(),
    timeout: z.number().int().min(FUNCTION_TIMEOUT_RANGE_S.min).max(FUNCTION_TIMEOUT_RANGE_S.max).optional(),
    memorySize: z.union(FUNCTION_MEMORY_SIZES_MB.map((size) => z.literal(size))).optional(),
    installDependency: z.boolean().optional(),
    isWaitInstall: z.boolean().optional(),
    ignore: z.array(z.string().min(1)).optional(),
    envVariables: z.record(z.string(), z.string()).optional(),
    vpc: z.object({ vpcId: z.string(), subnetId: z.string() }).strict().optional(),
    triggers: z.array(trigger).optional(),
    layers: z.array(z.object({ name: z.string(), version: z.number().int() }).strict()).optional(),
    type: z.enum(['Event', 'HTTP']).optional(),
    protocolType: z.enum(['WS']).optional(),
    codeSecret: z.string().optional(),
    aclRule: z.record(z.string(), z.unknown()).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const cloudbasercSchema = z.looseObject({
  version: z.enum(['2.0', '2.1']).optional(),
  envId: z.string().refine((value) => TEMPLATE.test(value) || /^[A-Za-z0-9][A-Za-z0-9-]{1,63}$/.test(value), {
    message: 'an env id such as cloud1-9gabc123, or a dynamic variable such as {{env.CLOUDBASE_ENV_ID}}',
  }),
  region: z.string().optional(),
  functionRoot: z.string().optional(),
  functions: z.array(cloudbaseFunctionSchema).optional(),
});

export type CloudbaseFunction = z.infer<typeof cloudbaseFunctionSchema>;
export type Cloudbaserc = z.infer<typeof cloudbasercSchema>;

/** `{{env.NAME}}` -> NAME; undefined for a literal value or another namespace. */
export function envTemplateName(value: string): string | undefined {
  const match = /^\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(value);
  return match?.[1];
}

/** A relative path inside the project, as DevTools requires for its *Root fields. */
const relativePath = z
  .string()
  .min(1)
  .refine((value) => !value.startsWith('/') && !/^[A-Za-z]:/.test(value) && !value.split(/[\\/]/).includes('..'), {
    message: 'must be a relative path inside the project',
  });

const packRule = z
  .object({ type: z.enum(['folder', 'file', 'suffix', 'prefix', 'regexp', 'glob']), value: z.string().min(1) })
  .strict();
const compilerPlugin = z.enum(['typescript', 'less', 'sass']);

export const projectConfigSchema = z.looseObject({
  description: z.string().optional(),
  appid: z
    .string()
    .regex(/^(wx[0-9a-f]{16}|touristappid)$/, 'wx followed by 16 hex digits, or the placeholder touristappid'),
  projectname: z.string().min(1),
  compileType: z.enum(['miniprogram', 'plugin', 'game', 'gamePlugin']),
  miniprogramRoot: relativePath,
  srcMiniprogramRoot: relativePath.optional(),
  cloudfunctionRoot: relativePath.optional(),
  cloudfunctionTemplateRoot: relativePath.optional(),
  pluginRoot: relativePath.optional(),
  libVersion: z.string().regex(/^(\d+\.\d+\.\d+|latest|trial)$/),
  setting: z
    .looseObject({
      useCompilerPlugins: z.array(z.union([compilerPlugin, z.looseObject({ type: compilerPlugin })])).optional(),
      es6: z.boolean().optional(),
      enhance: z.boolean().optional(),
      postcss: z.boolean().optional(),
      minified: z.boolean().optional(),
      urlCheck: z.boolean().optional(),
      ignoreUploadUnusedFiles: z.boolean().optional(),
    })
    .optional(),
  packOptions: z
    .object({ ignore: z.array(packRule).optional(), include: z.array(packRule).optional() })
    .strict()
    .optional(),
  condition: z.record(z.string(), z.unknown()).optional(),
  editorSetting: z
    .object({ tabIndent: z.enum(['auto', 'insertSpaces', 'tab']), tabSize: z.number().int().min(1) })
    .strict()
    .optional(),
});

export type ProjectConfig = z.infer<typeof projectConfigSchema>;

/** The part of a function's config.json (DevTools / platform) that deployment depends on. */
export const functionConfigSchema = z.looseObject({
  timeout: z.number().int().min(FUNCTION_TIMEOUT_RANGE_S.min).max(FUNCTION_TIMEOUT_RANGE_S.max).optional(),
  permissions: z.looseObject({ openapi: z.array(z.string()).optional() }).optional(),
});

export const functionPackageSchema = z.looseObject({
  name: z.string().min(1),
  main: z.string().optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
});

/** One readable line per issue: `functions.0.timeout: Too big: expected number to be <=60`. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map(formatIssue);
}
