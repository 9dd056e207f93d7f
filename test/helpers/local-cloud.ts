/**
 * Jest helper for end-to-end suites: the whole local cloud (database + function runtime) started
 * in-process on a free port, in memory, reset before each test; plus the users collection read
 * through the real wx-server-sdk and simulated phones running the mini-program.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UserDocument } from '../../core/users/user-record';
import { callFunctionAs } from '@wx-cloud-login/wxcloud';
import type { WxContext } from '@wx-cloud-login/wxcloud';
import type { SimulatedDevice } from '@wx-cloud-login/wxcloud';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '@wx-cloud-login/wxcloud';
import { useStartedEmulator } from '../../packages/wxcloud/test-support/use-emulator';

/** A users document as the SDK reads it back. */
export type StoredUser = UserDocument;

export function useLocalCloud(options: LocalCloudOptions = {}) {
  const started = useStartedEmulator(() => startLocalCloud({ ...options, inMemory: true, port: 0 }));

  return {
    get cloud(): LocalCloud {
      return started.emulator;
    },
    /** `cloud.database()` of the real wx-server-sdk, pointed at this cloud. */
    database: () => started.database(),
    phone: (user: WxContext): SimulatedDevice => started.emulator.phones.phone(user, { timeScale: 0 }),
    /** Every document of `users`, read with the real SDK ([] when the collection does not exist yet). */
    users(): Promise<StoredUser[]> {
      return this.documents('users') as unknown as Promise<StoredUser[]>;
    },
    /** Every document of a collection, read with the real SDK ([] when it does not exist yet). */
    async documents(collection: string): Promise<Array<Record<string, unknown>>> {
      try {
        const { data } = (await started.database().collection(collection).limit(1000).get()) as {
          data: Array<Record<string, unknown>>;
        };
        return data;
      } catch (error) {
        if (/-502005|not exist/i.test(String((error as Error).message))) return [];
        throw error;
      }
    },
    /** POST /functions/<name> as the console would (no user) or as a given user. */
    call: (name: string, data: unknown, wxContext?: WxContext) =>
      callFunctionAs(started.emulator.baseUrl, name, data, wxContext),
  };
}

/**
 * A throwaway project whose `login` function is one of the runtime's fixtures (a thrower, a
 * function that runs past its timeout): to see platform errors reach the mini-program.
 */
export function projectWithLoginFixture(fixture: string): { projectRoot: string; remove(): void } {
  const projectRoot = mkdtempSync(path.join(os.tmpdir(), 'login-fixture-'));
  const fixtures = path.resolve(
    __dirname,
    '..',
    '..',
    'packages',
    'wxcloud',
    'src',
    'functions',
    'fixtures',
    'cloudfunctions',
  );
  cpSync(path.join(fixtures, fixture), path.join(projectRoot, 'cloudfunctions', 'login'), { recursive: true });
  writeFileSync(
    path.join(projectRoot, 'project.config.json'),
    JSON.stringify({ cloudfunctionRoot: 'cloudfunctions/' }),
  );
  return { projectRoot, remove: () => rmSync(projectRoot, { recursive: true, force: true }) };
}
