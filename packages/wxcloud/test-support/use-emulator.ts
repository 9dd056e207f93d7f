/**
 * Jest helper: starts the emulator in-process (in memory, port 0) once per test file, points the
 * real wx-server-sdk at it through process.env, resets the data before each test and stops it
 * after the file. wx-server-sdk reads the URL and credentials from process.env on every request,
 * so one `cloud.init` per file is enough even though every file gets its own port.
 *
 * @example
 * ```ts
 * import { useEmulator } from './use-emulator';
 * const emu = useEmulator({ collections: ['users'] });
 * test('adds a user', async () => {
 *   const db = emu.database();
 *   await db.collection('users').add({ data: { name: 'a' } });
 *   expect(emu.emulator.stats().total).toBe(1);
 * });
 * ```
 */
import type * as WxServerSdk from 'wx-server-sdk';
import { startEmulator, type Emulator, type EmulatorOptions } from '../src/host/emulator';
import { connectSdk, pointSdkAt } from '../src/clients/sdk';
import { databaseService, type DatabaseServiceOptions } from '../src/database/service';

/**
 * wx-server-sdk's typings give every call a `string | void | Result` return (callback and promise
 * overloads in one), which makes test code unreadable; tests get the database untyped.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestDatabase = any;

export interface EmulatorTestHandle<E extends Emulator = Emulator> {
  /** The running emulator (valid inside tests and hooks). */
  readonly emulator: E;
  /** wx-server-sdk, initialised for the emulator's env. */
  cloud(): typeof WxServerSdk;
  /** `cloud.database()` of the initialised SDK (untyped, see TestDatabase). */
  database(): TestDatabase;
}

/** The host with the database (in memory, port 0) and any other services given. */
export function useEmulator(
  options: DatabaseServiceOptions & Omit<EmulatorOptions, 'inMemory' | 'dataDir' | 'port'> = {},
): EmulatorTestHandle {
  return useStartedEmulator(() =>
    startEmulator({
      ...options,
      inMemory: true,
      port: 0,
      services: [databaseService(options), ...(options.services ?? [])],
    }),
  );
}

/**
 * The hooks behind useEmulator, for any emulator `start` gives (e.g. the local cloud with its
 * function runtime): start once per file with the SDK pointed at it, reset before each test,
 * stop and restore the environment after the file.
 */
export function useStartedEmulator<E extends Emulator>(start: () => Promise<E>): EmulatorTestHandle<E> {
  let emulator: E | undefined;
  let restoreEnv = () => {};
  let sdk: typeof WxServerSdk | undefined;

  beforeAll(async () => {
    emulator = await start();
    restoreEnv = pointSdkAt(emulator);
  });
  beforeEach(async () => {
    await emulator?.reset();
  });
  afterAll(async () => {
    restoreEnv();
    await emulator?.stop();
  });

  const handle: EmulatorTestHandle<E> = {
    get emulator(): E {
      if (!emulator) throw new Error('the emulator runs only inside tests and hooks');
      return emulator;
    },
    cloud() {
      sdk ??= connectSdk(handle.emulator);
      return sdk;
    },
    database() {
      return handle.cloud().database();
    },
  };
  return handle;
}
