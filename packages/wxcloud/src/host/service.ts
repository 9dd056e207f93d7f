/**
 * The one shape of an emulated service (database, functions, client database, simulated phones,
 * and whatever joins them): the `/admin` actions it adds, its HTTP routes, how it forgets its state
 * and how it stops. A service is made by a factory that the host calls once the server listens, so
 * everything the service needs from the host (its base URL above all) is passed in, never looked up
 * later. Adding a service is one folder and one entry in the list given to `startEmulator`.
 *
 * @example
 * ```ts
 * const counter: ServiceFactory = () => {
 *   let count = 0;
 *   return {
 *     name: 'counter',
 *     actions: { 'counter.add': defineAction({ schema: z.object({}), handle: () => ({ data: { count: ++count } }) }) },
 *     routes: (app) => app.get('/counter', (c) => c.json({ count })),
 *     reset: () => void (count = 0),
 *   };
 * };
 * const emulator = await startEmulator({ inMemory: true, services: [counter] });
 * ```
 */
import type { ConsolePanel } from '../console/panel-contract';
import type { OpenApiCapability } from '../openapi/capability';
import type { ActionTable } from './actions';
import type { WireRefusal } from './guard';
import type { EmulatorApp } from './server';

/** What the host gives a service when it makes it. */
export interface Host {
  /** `http://127.0.0.1:PORT`, the server is listening. */
  readonly baseUrl: string;
  /** `<baseUrl>/admin`, where the SDK posts every action. */
  readonly adminUrl: string;
  readonly envId: string;
  /** The durable data directory (a service keeps its files below it), or undefined in memory. */
  readonly dataDir: string | undefined;
  /** The environment that points the unmodified SDK at this emulator. */
  sdkEnv(): Record<string, string>;
  /**
   * Runs one `/admin` action in-process, as the SDK would send it (stats and faults apply); rejects
   * with AdminConnectionDropped where a fault drops the connection.
   */
  admin(envelope: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** A service made before this one, by name (services are made in the order listed). */
  service<S extends EmulatorService>(name: string): S | undefined;
  /** Every service made so far, in order (asked at request time, it lists them all). */
  services(): readonly EmulatorService[];
  /** Resets every service, then the stats and faults: the emulator's `reset()`. */
  reset(): Promise<void>;
}

/** Thrown by `Host.admin` when an injected fault drops the connection the SDK would have used. */
export class AdminConnectionDropped extends Error {
  constructor(readonly how: 'reset' | 'timeout') {
    super(`injected fault: connection ${how}`);
    this.name = 'AdminConnectionDropped';
  }
}

export interface EmulatorService {
  /** Unique, kebab-case: `database`, `functions`, `client-database` ... */
  readonly name: string;
  /** Actions this service serves on `POST /admin`, keyed by the production action name. */
  readonly actions?: ActionTable;
  /**
   * Body limits of its routes in bytes, by path prefix (`{ '/functions/': 6_400_000 }`); the
   * host's guard answers 413 above them, before reading the body. Routes not named get 1 MB.
   */
  readonly bodyLimits?: Record<string, number>;
  /**
   * Media types its routes take instead of JSON, by path prefix (`{ '/storage/upload/': ['*'] }`:
   * any or none, as node-sdk's raw PUT of a file). Routes not named take JSON only.
   */
  readonly bodyTypes?: Record<string, readonly string[]>;
  /**
   * How the host's guard words a refusal (foreign Host or Origin, body too large, wrong media type)
   * on its routes, by path prefix, when they speak another wire than the client's `{ errCode, errMsg }`
   * (`{ '/wechat-api/': … }` answers WeChat's `{ errcode, errmsg }`).
   */
  readonly refusals?: Record<string, WireRefusal>;
  /** WeChat capabilities it serves on both wires (cloud.openapi.* and `/wechat-api/`), see openapi/capability.ts. */
  readonly openApis?: readonly OpenApiCapability[];
  /** Registers this service's HTTP routes; they may not overlap another service's (the host refuses it). */
  routes?(app: EmulatorApp): void;
  /**
   * Routes that answer only what no service's `routes` answer, registered after all of them: e.g. every
   * `/wechat-api/*` path the WeChat service does not serve itself. They may overlap other services'
   * routes, but not another service's fallbacks.
   */
  fallbackRoutes?(app: EmulatorApp): void;
  /** Forgets all state (the emulator's `reset()`, before each test). */
  reset?(): void | Promise<void>;
  /** Releases what the service holds (workers, files); called once, in reverse order. */
  stop?(): void | Promise<void>;
  /** Panels this service adds to the web console (see docs/console.md). */
  readonly consolePanels?: readonly ConsolePanel[];
}

export type ServiceFactory<S extends EmulatorService = EmulatorService> = (host: Host) => S | Promise<S>;
