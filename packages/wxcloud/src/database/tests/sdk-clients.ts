/**
 * The second real SDK the differential suites speak through: @cloudbase/node-sdk, whose
 * `.options({ raw: true })` sends MongoDB's own operators unchanged and whose `db.ObjectId` makes
 * `$oid` values (wx-server-sdk has neither). It reads the same environment as wx-server-sdk.
 */
import type { EmulatorTestHandle, TestDatabase } from '../../../test-support/use-emulator';

export function nodeSdkDatabase(emu: EmulatorTestHandle): TestDatabase {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tcb = require('@cloudbase/node-sdk') as { init(config: object): { database(): TestDatabase } };
  return tcb.init({ env: emu.emulator.envId }).database();
}

/** A raw query's documents' `_id`s, sorted. */
export async function rawIds(db: TestDatabase, collection: string, filter: object): Promise<unknown[]> {
  const res = (await db.collection(collection).options({ raw: true }).where(filter).get()) as {
    data: { _id: unknown }[];
  };
  return res.data.map((doc) => doc._id).sort();
}

/** A raw aggregation's documents. */
export async function rawAggregate(
  db: TestDatabase,
  collection: string,
  pipeline: object[],
): Promise<Record<string, unknown>[]> {
  const res = (await db.collection(collection).options({ raw: true }).aggregate(pipeline).end()) as {
    data: Record<string, unknown>[];
  };
  return res.data;
}
