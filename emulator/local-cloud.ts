/**
 * The whole local cloud in one call: the database emulator with the function runtime mounted on
 * it (client endpoint `POST /functions/:name`, and `cloud.callFunction` from inside functions).
 *
 * @example
 *   const cloud = await startLocalCloud({ inMemory: true, collections: ['users'] });
 *   await fetch(`${cloud.baseUrl}/functions/login`, { method: 'POST', body: JSON.stringify({ data: {}, wxContext: { OPENID: 'o1', APPID: 'wx1' } }) });
 *   await cloud.stop();
 */
import path from 'node:path';
import {
  createFunctionActions,
  createFunctionRuntime,
  registerClientEndpoint,
  type FunctionRuntime,
  type FunctionRuntimeOptions,
} from './functions';
import { startEmulator, type Emulator, type EmulatorInfo, type EmulatorOptions } from './index';
import { registerClientDatabase } from './rules/client-database';
import { loadCollectionRules } from './rules/rules-file';

export const PROJECT_ROOT = path.resolve(__dirname, '..');

export interface LocalCloudOptions extends Omit<EmulatorOptions, 'extraActions' | 'routes' | 'onStop'> {
  /** Project whose project.config.json names the cloudfunctionRoot. Default: this project. */
  projectRoot?: string;
  /** Runtime settings (instances, idle time, another functions root). */
  functions?: Omit<FunctionRuntimeOptions, 'adminUrl' | 'projectRoot' | 'envId'>;
}

export interface LocalCloud extends Emulator {
  readonly runtime: FunctionRuntime;
}

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  let info: EmulatorInfo | undefined;
  const { projectRoot = PROJECT_ROOT, functions, ...emulatorOptions } = options;
  const runtime = createFunctionRuntime({
    ...functions,
    projectRoot,
    envId: emulatorOptions.envId,
    adminUrl: () => `${info?.baseUrl ?? ''}/admin`,
  });
  const emulator = await startEmulator({
    ...emulatorOptions,
    extraActions: (emulatorInfo) => {
      info = emulatorInfo;
      return createFunctionActions(runtime);
    },
    routes: (app) => {
      registerClientEndpoint(app, runtime);
      // wx.cloud.database() of a simulated phone, under the `<collection>.rules.json` security rules.
      registerClientDatabase(app, () => loadCollectionRules(runtime.functionsRoot));
    },
    onStop: () => runtime.stop(),
  });
  return Object.assign(emulator, { runtime });
}
