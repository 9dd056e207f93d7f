/**
 * Transactions through @cloudbase/node-sdk: the snapshot from the first operation with raw
 * queries, a conflicting concurrent write failing with DATABASE_TRANSACTION_CONFLICT and the
 * service's message, the older per-document API of @cloudbase/database, native MongoDB operators,
 * and bulk inserts in and out of transactions.
 */
import type { TestDatabase } from '../../../test-support/use-emulator';
import { TRANSACTION_CONFLICT_MESSAGE } from '../transactions';
import { useAccounts } from './transaction-accounts';

const { emu, balance, nodeSdkDatabase } = useAccounts();

test(
  'the snapshot starts at the first operation: a document added outside ' +
    'before it is read, raw and updated with $set',
  async () => {
    const db = nodeSdkDatabase();
    const transaction = await db.startTransaction();
    await db.collection('accounts').add({ _id: 'late', balance: 5 });
    await db.collection('accounts').doc('a').update({ balance: 200 });
    const raw = await transaction
      .collection('accounts')
      .options({ raw: true })
      .where({ balance: { $gte: 5 } })
      .get();
    expect(raw.data.map((doc: { _id: string }) => doc._id).sort()).toEqual(['a', 'late']);
    await transaction
      .collection('accounts')
      .options({ raw: true })
      .doc('late')
      .update({ $set: { balance: 6 } });
    await transaction
      .collection('accounts')
      .doc('a')
      .update({ balance: db.command.inc(1) });
    await db.collection('accounts').add({ _id: 'later', balance: 1 });
    expect((await transaction.collection('accounts').where({ _id: 'later' }).get()).data).toEqual([]);
    await transaction.commit();
    expect([await balance(db, 'late'), await balance(db, 'a'), await balance(db, 'later')]).toEqual([6, 201, 1]);
  },
);

test(
  'a write conflict answers DATABASE_TRANSACTION_CONFLICT with the ' + 'service message (node-sdk shows both)',
  async () => {
    const db = nodeSdkDatabase();
    const transaction = await db.startTransaction();
    await transaction.collection('accounts').doc('a').get();
    await db.collection('accounts').doc('a').update({ balance: 1 });
    await expect(transaction.collection('accounts').doc('a').update({ balance: 2 })).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
      message: TRANSACTION_CONFLICT_MESSAGE,
    });
  },
);

test(
  'the per-document transaction API (getInTransaction / ' + 'updateDocInTransaction / deleteDocInTransaction)',
  async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Transaction } = require('@cloudbase/database/dist/commonjs/transaction') as {
      Transaction: new (db: unknown) => TestDatabase;
    };
    const db = nodeSdkDatabase();
    const transaction = new Transaction(db);
    await transaction.init();
    const snapshot = await transaction.get(db.collection('accounts').doc('a'));
    expect(snapshot.data()).toEqual({ _id: 'a', balance: 100 });
    expect((await transaction.update(db.collection('accounts').doc('a'), { balance: 7 })).updated).toBe(1);
    expect((await transaction.set(db.collection('accounts').doc('z'), { balance: 9 })).upserted).toEqual([
      { _id: 'z' },
    ]);
    expect((await transaction.delete(db.collection('accounts').doc('b'))).deleted).toBe(1);
    expect(await balance(emu.database(), 'a')).toBe(100);
    await transaction.commit();
    const after = emu.database();
    expect([await balance(after, 'a'), await balance(after, 'b'), await balance(after, 'z')]).toEqual([
      7,
      undefined,
      9,
    ]);
  },
);

test(
  'native MongoDB operators through .options({ raw: true }) ' +
    '(@cloudbase/node-sdk) work inside and outside transactions',
  async () => {
    const db = nodeSdkDatabase();
    const accounts = db.collection('accounts');
    await accounts
      .options({ raw: true })
      .where({ balance: { $gte: 50 } })
      .update({ $inc: { balance: 1 }, $set: { rich: true } });
    expect(
      (
        await accounts
          .options({ raw: true })
          .where({ rich: { $exists: true } })
          .get()
      ).data,
    ).toEqual([{ _id: 'a', balance: 101, rich: true }]);
    await db.runTransaction(async (transaction: TestDatabase) => {
      await transaction
        .collection('accounts')
        .options({ raw: true })
        .doc('b')
        .update({ $inc: { balance: 5 }, $push: { log: 'x' } });
      const inside = await transaction
        .collection('accounts')
        .options({ raw: true })
        .where({ log: { $size: 1 } })
        .get();
      expect(inside.data).toEqual([{ _id: 'b', balance: 5, log: ['x'] }]);
    });
    expect(await balance(db, 'b')).toBe(5);
    await expect(
      accounts
        .options({ raw: true })
        .where({ balance: { $where: 'true' } })
        .get(),
    ).rejects.toMatchObject({ code: 'DATABASE_INVALID_OPERRATOR' });
  },
);

test('a bulk insert of 1000 documents and more is accepted, in and out of transactions', async () => {
  const db = emu.database();
  const many = (prefix: string) => Array.from({ length: 1500 }, (_, i) => ({ _id: `${prefix}${i}`, balance: i }));
  const outside = await db.collection('accounts').add({ data: many('o') });
  expect(outside._ids).toHaveLength(1500);
  await nodeSdkDatabase().runTransaction(async (transaction: TestDatabase) => {
    expect((await transaction.collection('accounts').add(many('t'))).ids).toHaveLength(1500);
  });
  expect((await db.collection('accounts').count()).total).toBe(3002);
});
