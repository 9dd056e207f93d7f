/**
 * The whole local cloud in one call: the host with the database and the project's services, in
 * this order. Adding a service is one line in `localCloudServices`' list.
 *
 * @example
 *   const cloud = await startLocalCloud({ inMemory: true, collections: ['users'] });
 *   const phone = cloud.phones.phone({ OPENID: 'o1', APPID: 'wx1' });
 *   await (await phone.launch()).settled();
 *   await cloud.stop();
 */
import path from 'node:path';
import { clientDatabaseService } from './client-database/service';
import { consoleService } from './console/service';
import {
  databaseService,
  DATABASE_SERVICE,
  type DatabaseService,
  type DatabaseServiceOptions,
} from './database/service';
import { functionsRootFromProject } from './functions/discovery';
import type { FunctionRuntimeOptions } from './functions/runtime';
import { functionsService, FUNCTIONS_SERVICE, type FunctionsService } from './functions/service';
import { startEmulator, type Emulator, type EmulatorOptions } from './host/emulator';
import type { ServiceFactory } from './host/service';
import { openApiCloudIds, openApiService } from './openapi/service';
import { payService } from './pay/service';
import { messagesService, type MessagesServiceOptions } from './messages/service';
import { codesService } from './codes/service';
import { miniprogramRootFromProject } from './project';
import { phonesService, PHONES_SERVICE, type PhonesService } from './phone/service';
import { storageService } from './storage/service';
import { wechatService, WECHAT_SERVICE, type WechatService, type WechatServiceOptions } from './wechat/service';

export interface LocalCloudOptions extends EmulatorOptions, DatabaseServiceOptions {
  /**
   * Project whose project.config.json names the cloudfunctionRoot and miniprogramRoot. Default: the current directory.
   */
  projectRoot?: string;
  /** Runtime settings (instances, idle time, another functions root). */
  functions?: Omit<FunctionRuntimeOptions, 'adminUrl' | 'projectRoot' | 'envId'>;
  /** The emulated WeChat: the apps it knows (default: one local app), its clock. */
  wechat?: WechatServiceOptions;
  /** Subscribe templates besides the project's wxcloud.templates.json (the CLI's --template). */
  messages?: Omit<MessagesServiceOptions, 'projectRoot'>;
}

export interface LocalCloud extends Emulator {
  /** The database beside its wire: collections, import and export. */
  readonly database: DatabaseService;
  readonly runtime: FunctionsService['runtime'];
  readonly phones: PhonesService;
  readonly wechat: WechatService;
}

/** The local cloud's services, the database first. */
export function localCloudServices(options: LocalCloudOptions): ServiceFactory[] {
  const projectRoot = path.resolve(options.projectRoot ?? '.');
  const functionsRoot = options.functions?.functionsRoot ?? functionsRootFromProject(projectRoot);
  return [
    databaseService(options),
    functionsService({ ...options.functions, projectRoot, functionsRoot, prepareClientData: openApiCloudIds }),
    clientDatabaseService({ functionsRoot }),
    wechatService(options.wechat),
    openApiService({ functionsRoot }),
    payService(),
    messagesService({ ...options.messages, projectRoot }),
    codesService({ miniprogramRoot: miniprogramRootFromProject(projectRoot) }),
    storageService(),
    phonesService({ miniprogramRoot: miniprogramRootFromProject(projectRoot) }),
    consoleService(),
  ];
}

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const emulator = await startEmulator({
    ...options,
    services: [...localCloudServices(options), ...(options.services ?? [])],
  });
  const database = emulator.service(DATABASE_SERVICE) as DatabaseService;
  const runtime = (emulator.service(FUNCTIONS_SERVICE) as FunctionsService).runtime;
  const phones = emulator.service(PHONES_SERVICE) as PhonesService;
  const wechat = emulator.service(WECHAT_SERVICE) as WechatService;
  return Object.assign(emulator, { database, runtime, phones, wechat });
}
