/**
 * Transactions as db.runTransaction and db.startTransaction use them (ordinary actions carrying
 * transactionId), and the older per-document API of @cloudbase/database: commit, rollback,
 * snapshot isolation, and a conflicting concurrent write failing with DATABASE_TRANSACTION_CONFLICT.
 */
import { useEmulator, type TestDatabase } from '../../testing';

const emu = useEmulator({ collections: ['accounts'] });

async function balance(db: TestDatabase, id: string): Promise<number | undefined> {
  const res = await db.collection('accounts').where({ _id: id }).get();
  return (res.data[0] as { balance?: number } | undefined)?.balance;
}

beforeEach(async () => {
  await emu.database().collection('accounts').add({ data: [{ _id: 'a', balance: 100 }, { _id: 'b', balance: 0 }] });
});

test('runTransaction commits every write at once and returns the callback result', async () => {
  const db = emu.database();
  const result = await db.runTransaction(async (transaction: TestDatabase) => {
    const from = (await transaction.collection('accounts').doc('a').get()).data;
    await transaction.collection('accounts').doc('a').update({ data: { balance: db.command.inc(-30) } });
    await transaction.collection('accounts').doc('b').update({ data: { balance: db.command.inc(30) } });
    await transaction.collection('accounts').doc('c').set({ data: { balance: 1 } });
    await transaction.collection('accounts').add({ data: { _id: 'log', note: 'moved' } });
    expect(await balance(db, 'a')).toBe(100);
    return from.balance;
  });
  expect(result).toBe(100);
  expect([await balance(db, 'a'), await balance(db, 'b'), await balance(db, 'c')]).toEqual([70, 30, 1]);
  expect((await db.collection('accounts').doc('log').get()).data.note).toBe('moved');
});

test('a transaction reads its own writes; a thrown error or rollback discards them', async () => {
  const db = emu.database();
  await expect(
    db.runTransaction(async (transaction: TestDatabase) => {
      await transaction.collection('accounts').doc('a').update({ data: { balance: 0 } });
      expect((await transaction.collection('accounts').doc('a').get()).data.balance).toBe(0);
      await transaction.collection('accounts').doc('b').remove();
      throw new Error('changed my mind');
    }),
  ).rejects.toThrow('changed my mind');
  const rolledBack = await db.runTransaction(async (transaction: TestDatabase) => {
    await transaction.collection('accounts').doc('a').update({ data: { balance: 1 } });
    await transaction.rollback('custom reason');
  }).catch((reason: unknown) => reason);
  expect(rolledBack).toBe('custom reason');
  expect([await balance(db, 'a'), await balance(db, 'b')]).toEqual([100, 0]);
});

test('startTransaction: reads see the snapshot, not later commits; a conflicting write fails the commit', async () => {
  const db = emu.database();
  const transaction = await db.startTransaction();
  await db.collection('accounts').doc('a').update({ data: { balance: 500 } });
  expect((await transaction.collection('accounts').doc('a').get()).data.balance).toBe(100);
  await transaction.collection('accounts').doc('a').update({ data: { balance: 1 } });
  await expect(transaction.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect(await balance(db, 'a')).toBe(500);
});

test('two transactions writing one document: the first to commit wins, runTransaction retries the loser', async () => {
  const db = emu.database();
  const first = await db.startTransaction();
  const second = await db.startTransaction();
  await first.collection('accounts').doc('b').update({ data: { balance: db.command.inc(1) } });
  await second.collection('accounts').doc('b').update({ data: { balance: db.command.inc(2) } });
  await second.commit();
  await expect(first.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect(await balance(db, 'b')).toBe(2);

  let attempts = 0;
  await db.runTransaction(async (transaction: TestDatabase) => {
    attempts += 1;
    await transaction.collection('accounts').doc('b').get();
    if (attempts === 1) await db.collection('accounts').doc('b').update({ data: { balance: db.command.inc(10) } });
    await transaction.collection('accounts').doc('b').update({ data: { balance: db.command.inc(100) } });
  });
  expect(attempts).toBe(2);
  expect(await balance(db, 'b')).toBe(112);
});

test('a finished transaction cannot be used again', async () => {
  const db = emu.database();
  const transaction = await db.startTransaction();
  await transaction.commit();
  await expect(transaction.collection('accounts').doc('a').get()).rejects.toThrow(/does not exist|committed/);
});

test('the per-document transaction API (getInTransaction / updateDocInTransaction / deleteDocInTransaction)', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tcb = require('@cloudbase/node-sdk') as { init(config: object): { database(): TestDatabase } };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Transaction } = require('@cloudbase/database/dist/commonjs/transaction') as { Transaction: new (db: unknown) => TestDatabase };
  const db = tcb.init({ env: emu.emulator.envId }).database();
  const transaction = new Transaction(db);
  await transaction.init();
  const snapshot = await transaction.get(db.collection('accounts').doc('a'));
  expect(snapshot.data()).toEqual({ _id: 'a', balance: 100 });
  expect((await transaction.update(db.collection('accounts').doc('a'), { balance: 7 })).updated).toBe(1);
  expect((await transaction.set(db.collection('accounts').doc('z'), { balance: 9 })).upserted).toEqual([{ _id: 'z' }]);
  expect((await transaction.delete(db.collection('accounts').doc('b'))).deleted).toBe(1);
  expect(await balance(emu.database(), 'a')).toBe(100);
  await transaction.commit();
  const after = emu.database();
  expect([await balance(after, 'a'), await balance(after, 'b'), await balance(after, 'z')]).toEqual([7, undefined, 9]);
});
