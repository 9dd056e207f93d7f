/**
 * The host: listens on 127.0.0.1, makes the services in the order listed, serves their `/admin`
 * actions and routes, counts requests, injects faults, and resets and stops every service. Requests
 * that arrive while the services are being made wait for them. The database is a service like any
 * other (`databaseService`); `startLocalCloud` lists them all.
 *
 * @example
 * ```ts
 * const emu = await startEmulator({
 *   port: 0,
 *   inMemory: true,
 *   services: [databaseService({ collections: ['users'] })],
 * });
 * Object.assign(process.env, emu.sdkEnv());
 * const cloud = require('wx-server-sdk');
 * cloud.init({ env: emu.envId });
 * await cloud.database().collection('users').add({ data: { name: 'a' } });
 * console.log(emu.stats().byAction['database.insertDocument']?.total); // 1
 * await emu.stop();
 * ```
 */
import path from 'node:path';
import type { ActionTable } from './actions';
import { FaultInjector, type FaultRule } from './faults';
import { sdkEnvironment } from './sdk-env';
import { homePage } from './home-page';
import { RouteClaims } from './route-claims';
import { createApp, handleEnvelope, listen, type EmulatorApp, type RunningServer, type ServerParts } from './server';
import { AdminConnectionDropped, type EmulatorService, type Host, type ServiceFactory } from './service';
import { RequestStats, type EmulatorStats } from './stats';

/** Default data directory of the durable store: `.emulator-data/` in the current directory (git-ignore it). */
export const DEFAULT_DATA_DIR = '.emulator-data';
export const DEFAULT_ENV_ID = 'local-env';

export interface EmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Keep data in memory only (tests). Default false: durable store in `dataDir`. */
  inMemory?: boolean;
  /** Data directory of the durable store. Default `.emulator-data/` in the current directory. */
  dataDir?: string;
  /** Environment id the SDK is given (`cloud.init({ env })`). Default `local-env`. */
  envId?: string;
  /** The services, made in this order once the server listens (the database first, where there is one). */
  services?: ServiceFactory[];
  /** Faults active from the start. */
  faults?: FaultRule[];
  /** Random source of fault injection (seed it for reproducible tests). */
  random?: () => number;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` */
  readonly baseUrl: string;
  readonly port: number;
  readonly envId: string;
  /** `<baseUrl>/admin`, the URL the SDK posts every action to. */
  readonly dbUrl: string;
  /** Where data lives, or undefined in memory. */
  readonly dataDir: string | undefined;
  /** The environment that points the unmodified SDK at this emulator. */
  sdkEnv(): Record<string, string>;
  /** A running service by name. */
  service<S extends EmulatorService>(name: string): S | undefined;
  /** Names of the running services, in the order they were made. */
  serviceNames(): string[];
  /** Every `/admin` action the services serve, sorted. */
  actionNames(): string[];
  /** Request counters by action and collection. */
  stats(): EmulatorStats;
  resetStats(): void;
  /** Replaces the active faults. */
  setFaults(rules: FaultRule[]): void;
  clearFaults(): void;
  /** Resets every service (data, transactions, function instances ...), then stats and faults. */
  reset(): Promise<void>;
  /** Stops serving, then stops every service in reverse order (the store last, journal flushed). */
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const parts: ServerParts = {
    actions: {},
    stats: new RequestStats(),
    faults: new FaultInjector(options.random),
    bodyLimits: new Map(),
    bodyTypes: new Map(),
    refusals: new Map(),
  };
  if (options.faults) parts.faults.set(options.faults);
  const app = createApp(parts);
  let ready: (() => void) | undefined;
  const made = new Promise<void>((resolve) => (ready = resolve));
  const server = await listen(async (request, env) => (await made, app.fetch(request, env)), options.port ?? 0);
  const host = hostFor(server, parts, options);
  const services: EmulatorService[] = [];
  try {
    const factories = options.services ?? [];
    const claims = new RouteClaims();
    for (const factory of factories)
      services.push(adopt(await factory(host.view(services)), services, parts, claims.appFor.bind(claims, app)));
    const fallbacks = new RouteClaims();
    for (const service of services) service.fallbackRoutes?.(fallbacks.appFor(app, service.name));
  } catch (error) {
    await server.close();
    await stopAll(services);
    throw error;
  }
  app.get('/', homePage); // the base URL's text page, unless a service (the console) serves `/` itself
  ready?.();
  return handleFor(host, server, parts, services);
}

function hostFor(server: RunningServer, parts: ServerParts, options: EmulatorOptions) {
  const baseUrl = `http://127.0.0.1:${server.port}`;
  const envId = options.envId ?? DEFAULT_ENV_ID;
  const dataDir = options.inMemory ? undefined : path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const base = { baseUrl, adminUrl: `${baseUrl}/admin`, envId, dataDir, sdkEnv: () => sdkEnvFor(baseUrl, envId) };
  return {
    ...base,
    view: (services: EmulatorService[]): Host => ({
      ...base,
      admin: (envelope) => adminInProcess(parts, envelope),
      service: <S extends EmulatorService>(name: string) => findService<S>(services, name),
      services: () => [...services],
      reset: () => resetAll(services, parts),
    }),
  };
}

async function adminInProcess(parts: ServerParts, envelope: Record<string, unknown>): Promise<Record<string, unknown>> {
  const reply = await handleEnvelope(parts, JSON.stringify(envelope), {});
  if ('drop' in reply) throw new AdminConnectionDropped(reply.drop);
  return reply.body as Record<string, unknown>;
}

function adopt(
  service: EmulatorService,
  running: EmulatorService[],
  parts: ServerParts,
  appFor: (service: string) => EmulatorApp,
): EmulatorService {
  if (running.some((other) => other.name === service.name))
    throw new Error(`two emulator services are named "${service.name}"`);
  const actions: ActionTable = service.actions ?? {};
  for (const name of Object.keys(actions)) {
    if (Object.hasOwn(parts.actions, name))
      throw new Error(`action ${name} of service "${service.name}" is already served`);
  }
  Object.assign(parts.actions, actions);
  for (const [prefix, bytes] of Object.entries(service.bodyLimits ?? {})) parts.bodyLimits.set(prefix, bytes);
  for (const [prefix, types] of Object.entries(service.bodyTypes ?? {})) parts.bodyTypes.set(prefix, types);
  for (const [prefix, wire] of Object.entries(service.refusals ?? {})) parts.refusals.set(prefix, wire);
  service.routes?.(appFor(service.name));
  return service;
}

function findService<S extends EmulatorService>(services: EmulatorService[], name: string): S | undefined {
  return services.find((service) => service.name === name) as S | undefined;
}

async function resetAll(services: EmulatorService[], parts: ServerParts): Promise<void> {
  for (const service of services) await service.reset?.();
  parts.stats.reset();
  parts.faults.clear();
}

async function stopAll(services: EmulatorService[]): Promise<void> {
  for (const service of [...services].reverse()) await service.stop?.();
}

function handleFor(
  host: ReturnType<typeof hostFor>,
  server: RunningServer,
  parts: ServerParts,
  services: EmulatorService[],
): Emulator {
  let stopped: Promise<void> | undefined;
  return {
    baseUrl: host.baseUrl,
    port: server.port,
    envId: host.envId,
    dbUrl: host.adminUrl,
    dataDir: host.dataDir,
    sdkEnv: host.sdkEnv,
    service: <S extends EmulatorService>(name: string) => findService<S>(services, name),
    serviceNames: () => services.map((service) => service.name),
    actionNames: () => Object.keys(parts.actions).sort(),
    stats: () => parts.stats.snapshot(),
    resetStats: () => parts.stats.reset(),
    setFaults: (rules) => parts.faults.set(rules),
    clearFaults: () => parts.faults.clear(),
    reset: () => resetAll(services, parts),
    stop: () =>
      (stopped ??= (async () => {
        await server.close();
        await stopAll(services);
      })()),
  };
}

/** The environment that points the unmodified SDK at the emulator listening on `baseUrl`. */
export function sdkEnvFor(baseUrl: string, envId: string): Record<string, string> {
  return sdkEnvironment(`${baseUrl}/admin`, envId);
}
