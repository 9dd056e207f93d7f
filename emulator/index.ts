/**
 * Programmatic API of the local CloudBase emulator: start it, point the real wx-server-sdk at it
 * through environment variables, count requests, inject faults, import/export data, stop.
 *
 * @example
 * ```ts
 * import { startEmulator } from './emulator';
 * const emu = await startEmulator({ port: 0, inMemory: true, collections: ['users'] });
 * Object.assign(process.env, emu.sdkEnv());
 * const cloud = require('wx-server-sdk');
 * cloud.init({ env: emu.envId });
 * await cloud.database().collection('users').add({ data: { name: 'a' } });
 * console.log(emu.stats().byAction['database.insertDocument']?.total); // 1
 * await emu.stop();
 * ```
 */
import path from 'node:path';
import { createDatabaseActions, createDatabaseState, type ActionTable, type DatabaseState } from './database';
import { FaultInjector, type FaultRule } from './database/faults';
import { exportCollections, importCollections } from './database/import-export';
import { RequestStats, type EmulatorStats } from './database/stats';
import { commitMutations } from './database/state';
import { createApp, listen, type EmulatorApp } from './server';
import { JournalStore } from './store/journal-store';
import { MemoryStore } from './store/memory-store';
import { sdkEnvironment } from './sdk-env';
import type { Store } from './store/types';

export type { ActionContext, ActionDefinition, ActionTable } from './database';
export type { EmulatorApp } from './server';
export type { EmulatorStats } from './database/stats';
export type { FaultRule } from './database/faults';
export { EmulatorError } from './errors';

/** Default data directory of the durable store, at the project root (git-ignored). */
export const DEFAULT_DATA_DIR = path.resolve(__dirname, '..', '.emulator-data');
export const DEFAULT_ENV_ID = 'local-env';

/** What extra routes and actions may ask of the running emulator. */
export interface EmulatorInfo {
  /** `http://127.0.0.1:PORT` (valid once listening). */
  readonly baseUrl: string;
  readonly envId: string;
  sdkEnv(): Record<string, string>;
}

export interface EmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Keep data in memory only (tests). Default false: durable store in `dataDir`. */
  inMemory?: boolean;
  /** Data directory of the durable store. Default `.emulator-data/` at the project root. */
  dataDir?: string;
  /** Environment id the SDK is given (`cloud.init({ env })`). Default `local-env`. */
  envId?: string;
  /** Collections to create at start and after every reset (the service needs collections to exist). */
  collections?: string[];
  /** Import `<collection>.json` files from this directory at start. */
  importDir?: string;
  /** Extra actions served on `POST /admin` (e.g. `functions.invokeFunction`). */
  extraActions?: ActionTable | ((info: EmulatorInfo) => ActionTable);
  /** Extra HTTP routes. */
  routes?: (app: EmulatorApp, info: EmulatorInfo) => void;
  /** Called by stop() before the store closes (e.g. to end function workers). */
  onStop?: () => void | Promise<void>;
  /** Faults active from the start. */
  faults?: FaultRule[];
  /** Random source of fault injection (seed it for reproducible tests). */
  random?: () => number;
  /** Server clock (for `db.serverDate()` and transaction expiry). */
  now?: () => Date;
}

export interface Emulator extends EmulatorInfo {
  readonly port: number;
  /** `<baseUrl>/admin`, the URL the SDK posts every action to. */
  readonly dbUrl: string;
  /** Where data lives, or undefined in memory. */
  readonly dataDir: string | undefined;
  /** Request counters by action and collection. */
  stats(): EmulatorStats;
  resetStats(): void;
  /** Replaces the active faults. */
  setFaults(rules: FaultRule[]): void;
  clearFaults(): void;
  createCollections(names: string[]): void;
  importData(dir: string): Record<string, number>;
  exportData(dir: string): Record<string, number>;
  /** Deletes all data, ends open transactions, re-creates `collections`, clears stats and faults. */
  reset(): Promise<void>;
  /** Stops serving and closes the store (flushing the journal). */
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const dataDir = options.inMemory ? undefined : path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const store: Store = dataDir ? JournalStore.open({ dir: dataDir }) : new MemoryStore();
  const state = createDatabaseState(store, { now: options.now });
  const stats = new RequestStats();
  const faults = new FaultInjector(options.random);
  if (options.faults) faults.set(options.faults);
  const envId = options.envId ?? DEFAULT_ENV_ID;
  let baseUrl = '';
  const info: EmulatorInfo = {
    get baseUrl() {
      return baseUrl;
    },
    envId,
    sdkEnv: () => sdkEnvFor(baseUrl, envId),
  };
  const extra = typeof options.extraActions === 'function' ? options.extraActions(info) : (options.extraActions ?? {});
  const app = createApp({
    actions: { ...createDatabaseActions(state), ...extra },
    stats,
    faults,
    routes: options.routes ? (hono) => options.routes?.(hono, info) : undefined,
  });
  try {
    createCollections(state, options.collections ?? []);
    if (options.importDir) importCollections(state, options.importDir);
    await store.flush();
  } catch (error) {
    await store.close();
    throw error;
  }
  const server = await listen(app, options.port ?? 0).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  baseUrl = `http://127.0.0.1:${server.port}`;
  return buildHandle({ info, server, state, stats, faults, dataDir, options });
}

interface HandleParts {
  info: EmulatorInfo;
  server: { port: number; close(): Promise<void> };
  state: DatabaseState;
  stats: RequestStats;
  faults: FaultInjector;
  dataDir: string | undefined;
  options: EmulatorOptions;
}

function buildHandle({ info, server, state, stats, faults, dataDir, options }: HandleParts): Emulator {
  let stopped: Promise<void> | undefined;
  return {
    baseUrl: info.baseUrl,
    envId: info.envId,
    sdkEnv: info.sdkEnv,
    port: server.port,
    dbUrl: `${info.baseUrl}/admin`,
    dataDir,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    setFaults: (rules) => faults.set(rules),
    clearFaults: () => faults.clear(),
    createCollections: (names) => createCollections(state, names),
    importData: (dir) => importCollections(state, dir),
    exportData: (dir) => exportCollections(state, dir),
    reset: async () => {
      state.transactions.clear();
      commitMutations(state, [{ type: 'clear' }]);
      createCollections(state, options.collections ?? []);
      stats.reset();
      faults.clear();
      await state.store.flush();
    },
    stop: () =>
      (stopped ??= (async () => {
        await server.close();
        await options.onStop?.();
        await state.store.close();
      })()),
  };
}

function createCollections(state: DatabaseState, names: string[]): void {
  const missing = names.filter((name) => !state.store.hasCollection(name));
  commitMutations(state, missing.map((collection) => ({ type: 'createCollection', collection })));
}

/** The environment that points the unmodified SDK at the emulator listening on `baseUrl`. */
export function sdkEnvFor(baseUrl: string, envId: string): Record<string, string> {
  return sdkEnvironment(`${baseUrl}/admin`, envId);
}
