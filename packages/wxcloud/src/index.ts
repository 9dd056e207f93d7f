/**
 * The local cloud's programmatic API. `startLocalCloud` runs the whole local cloud for a project
 * (database, cloud functions, client database under security rules, storage, WeChat, cloud calls,
 * simulated phones, console); `startEmulator` runs the host with the services given.
 * The package's README documents the HTTP wires and how to add a service.
 */
export { startLocalCloud, localCloudServices } from './local-cloud';
export type { LocalCloud, LocalCloudOptions } from './local-cloud';
export { startEmulator, sdkEnvFor, DEFAULT_DATA_DIR, DEFAULT_ENV_ID } from './host/emulator';
export { AdminConnectionDropped } from './host/service';
export { databaseService, DATABASE_SERVICE } from './database/service';
export type { DatabaseService, DatabaseServiceOptions } from './database/service';
export type { Emulator, EmulatorOptions } from './host/emulator';
export type { EmulatorService, Host, ServiceFactory } from './host/service';
export { defineAction } from './host/actions';
export type { ActionContext, ActionDefinition, ActionTable } from './host/actions';
export type { EmulatorApp } from './host/server';
export type { EmulatorStats } from './host/stats';
export type { FaultRule } from './host/faults';
export { EmulatorError, ADMIN_ERROR_CODES, CLIENT_ERROR_CODES } from './host/errors';
export { sdkEnvironment } from './host/sdk-env';
export { functionsRootFromProject, miniprogramRootFromProject } from './project';
export { createFunctionRuntime, formatInvocation } from './functions';
export type { FunctionRuntime, InvocationRecord, WxUser } from './functions';
export { SimulatedDevice, msUntilUserShown } from './phone/device';
export { avatarPng } from './phone/avatar-png';
export type { AppGlobalLike, Launch, SimulatedUser } from './phone/device';
export { DEFAULT_LOCAL_APP } from './wechat/apps';
export type { AppKind, KnownApp } from './wechat/apps';
export { personFor, personIdentity } from './wechat/oauth-state';
export { BINARY_ANSWER } from './openapi/capability';
export type { CapabilityCaller, OpenApiCapability } from './openapi/capability';
export { PAY_SERVICE } from './pay/service';
export type { PayService } from './pay/service';
export type { PayOrder } from './pay/orders';
export type { PaymentOutcome } from './pay/payment-route';
export { MESSAGES_SERVICE } from './messages/service';
export type { MessagesService } from './messages/service';
export type { SentMessage, SubscribeAnswer } from './messages/state';
export type { SubscribeTemplate } from './messages/templates';
export { CODES_SERVICE } from './codes/service';
export { prepareConsole } from './console/service';
export { callFunctionAs } from './clients/call-function';
export type { CallFunctionAnswer } from './clients/call-function';
export { connectSdk, pointSdkAt } from './clients/sdk';
export type { WxContext } from './clients/wx-context';
export { UsageError, describeFailure, parseCommandLine, parsePort, runCommand } from './cli/command-line';
export {
  COMMON_ERRORS,
  TCB_LOGIN_FIX,
  describeLoginReason,
  authFilePath,
  exitCodeOf,
  formatReport,
  loginStateFromAuthFile,
  mustFix,
  ok,
  printDoctorReport,
  projectSections,
  readLoginState,
  unknown,
  warn,
} from './doctor';
export type { Finding, LoginState, Section } from './doctor';
