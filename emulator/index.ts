/**
 * The local CloudBase emulator's programmatic API. `startEmulator` runs the host with the database
 * and any services given; `startLocalCloud` (local-cloud.ts) adds the project's own services:
 * cloud functions, the client database under security rules, simulated phones.
 * docs/emulator.md documents the HTTP wires; docs/architecture.md how to add a service.
 */
export { startEmulator, sdkEnvFor, DEFAULT_DATA_DIR, DEFAULT_ENV_ID } from './host/emulator';
export { AdminConnectionDropped } from './host/service';
export type { Emulator, EmulatorOptions } from './host/emulator';
export type { EmulatorService, Host, ServiceFactory } from './host/service';
export { defineAction } from './host/actions';
export type { ActionContext, ActionDefinition, ActionTable } from './host/actions';
export type { EmulatorApp } from './host/server';
export type { EmulatorStats } from './host/stats';
export type { FaultRule } from './host/faults';
export { EmulatorError, ADMIN_ERROR_CODES, CLIENT_ERROR_CODES } from './host/errors';
