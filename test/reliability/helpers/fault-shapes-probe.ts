/**
 * Run as its own Node process (`node --import tsx`), outside jest's module sandbox: there, errors
 * from Node's sockets come from another realm, `instanceof Error` fails inside wx-server-sdk and
 * it throws a different, emptier shape than in a real function. This probe starts the emulator,
 * runs each UsersStore operation of the login under each fault, and prints one JSON line per case:
 * the fault, the action, the raw error's shape and the kind the login's classifier gave it.
 */
import type * as WxServerSdk from 'wx-server-sdk';
import { createCloudUsersStore } from '../../../core/users/cloud-users-store';
import { classifyDatabaseError } from '../../../core/kit/database-errors';
import { newUserDocument, returningLoginChange } from '../../../core/users/user-record';
import { StoreError } from '../../../core/kit/store-error';
import { startEmulator, type FaultRule } from '@wx-cloud-login/wxcloud';

const FAULTS: Array<[string, FaultRule]> = [
  ['http503', { kind: 'error', status: 503 }],
  ['http500', { kind: 'error', status: 500 }],
  ['http502', { kind: 'error', status: 502 }],
  ['reset', { kind: 'reset' }],
  ['timeout', { kind: 'timeout' }],
];

async function main(): Promise<void> {
  let faultsHit = 0;
  const emulator = await startEmulator({ inMemory: true, collections: ['users'], random: () => (faultsHit++, 0) });
  Object.assign(process.env, emulator.sdkEnv(), { SILENCE: 'true' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as typeof WxServerSdk;
  cloud.init({ env: emulator.envId, timeout: 300 } as Parameters<typeof cloud.init>[0]);
  const db = cloud.database();
  const store = createCloudUsersStore(db);
  const caller = { openid: 'o-probe', appid: 'wx-probe', crossAccount: false };
  await store.insertUser(newUserDocument(caller, new Date(), 'seed-attempt'));
  let n = 0;
  const rawCalls: Record<string, () => Promise<unknown>> = {
    // What cloud-users-store sends for each action, without its translation, to see the raw error.
    'database.modifyAndReturnDoc': () =>
      store.recordReturningLogin(returningLoginChange(caller, new Date(), `probe-attempt-${++n}`)),
    'database.insertDocument': async () => db.collection('users').add({ data: { _id: `o-probe-${++n}` } }),
    'database.getDocument': async () => db.collection('users').where({ _id: caller.openid }).limit(1).get(),
    'database.addCollection': () => db.createCollection('users'),
  };
  for (const [label, fault] of FAULTS) {
    for (const when of ['before', 'after'] as const) {
      for (const [action, run] of Object.entries(rawCalls)) {
        emulator.setFaults([{ ...fault, actions: [action], when, rate: 0.5 }]);
        const before = faultsHit;
        const error = await run().then(
          () => undefined,
          (caught: unknown) => caught,
        );
        emulator.clearFaults();
        // modifyAndReturnDoc goes through the store, which has already classified it.
        const kind =
          error instanceof StoreError ? error.kind : error === undefined ? 'no error' : classifyDatabaseError(error);
        console.log(
          JSON.stringify({ fault: label, when, action, faults: faultsHit - before, kind, shape: shapeOf(error) }),
        );
      }
    }
  }
  await emulator.stop();
}

function shapeOf(error: unknown): Record<string, unknown> | string {
  if (typeof error !== 'object' || error === null) return String(error);
  const e = error as Record<string, unknown>;
  const pick = (key: string) => (e[key] === undefined ? {} : { [key]: e[key] });
  return {
    type: e.constructor?.name,
    ...pick('code'),
    ...pick('errCode'),
    ...pick('errMsg'),
    ...(e.errMsg ? {} : pick('message')),
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
