/**
 * Transactions as db.runTransaction and db.startTransaction use them (ordinary actions carrying
 * transactionId), and the older per-document API of @cloudbase/database: commit, rollback,
 * snapshot isolation from the first operation, and a conflicting concurrent write failing with
 * DATABASE_TRANSACTION_CONFLICT and the service's message.
 */
import { useEmulator, type TestDatabase } from '../../../test-support/use-emulator';
import { TRANSACTION_CONFLICT_MESSAGE, TRANSACTION_NOT_EXIST_MESSAGE } from '../transactions';

const clock = {
  offset: 0,
  now: () => new Date(Date.now() + clock.offset),
  advance: (ms: number) => {
    clock.offset += ms;
  },
};
const emu = useEmulator({ collections: ['accounts'], now: clock.now });

async function balance(db: TestDatabase, id: string): Promise<number | undefined> {
  const res = await db.collection('accounts').where({ _id: id }).get();
  return (res.data[0] as { balance?: number } | undefined)?.balance;
}

beforeEach(async () => {
  await emu
    .database()
    .collection('accounts')
    .add({
      data: [
        { _id: 'a', balance: 100 },
        { _id: 'b', balance: 0 },
      ],
    });
});

test('runTransaction commits every write at once and returns the callback result', async () => {
  const db = emu.database();
  const result = await db.runTransaction(async (transaction: TestDatabase) => {
    const from = (await transaction.collection('accounts').doc('a').get()).data;
    await transaction
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: db.command.inc(-30) } });
    await transaction
      .collection('accounts')
      .doc('b')
      .update({ data: { balance: db.command.inc(30) } });
    await transaction
      .collection('accounts')
      .doc('c')
      .set({ data: { balance: 1 } });
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
      await transaction
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: 0 } });
      expect((await transaction.collection('accounts').doc('a').get()).data.balance).toBe(0);
      await transaction.collection('accounts').doc('b').remove();
      throw new Error('changed my mind');
    }),
  ).rejects.toThrow('changed my mind');
  const rolledBack = await db
    .runTransaction(async (transaction: TestDatabase) => {
      await transaction
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: 1 } });
      await transaction.rollback('custom reason');
    })
    .catch((reason: unknown) => reason);
  expect(rolledBack).toBe('custom reason');
  expect([await balance(db, 'a'), await balance(db, 'b')]).toEqual([100, 0]);
});

test(
  'startTransaction: reads see the snapshot of the first operation; ' +
    'writing a document changed since then fails at that write',
  async () => {
    const db = emu.database();
    const transaction = await db.startTransaction();
    expect((await transaction.collection('accounts').doc('b').get()).data.balance).toBe(0);
    await db
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: 500 } });
    expect((await transaction.collection('accounts').doc('a').get()).data.balance).toBe(100);
    await expect(
      transaction
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: 1 } }),
    ).rejects.toThrow(TRANSACTION_CONFLICT_MESSAGE);
    await expect(transaction.commit()).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_FAIL',
      message: TRANSACTION_NOT_EXIST_MESSAGE,
    });
    expect(await balance(db, 'a')).toBe(500);
  },
);

test('two transactions writing one document: the second writer fails at its write and is aborted', async () => {
  const db = emu.database();
  const first = await db.startTransaction();
  const second = await db.startTransaction();
  await first
    .collection('accounts')
    .doc('b')
    .update({ data: { balance: db.command.inc(1) } });
  await expect(
    second
      .collection('accounts')
      .doc('b')
      .update({ data: { balance: db.command.inc(2) } }),
  ).rejects.toThrow(TRANSACTION_CONFLICT_MESSAGE);
  await expect(second.collection('accounts').doc('a').get()).rejects.toThrow(TRANSACTION_NOT_EXIST_MESSAGE);
  await first.commit();
  expect(await balance(db, 'b')).toBe(1);
});

test(
  'runTransaction: a conflict at a write rejects (wx-server-sdk hides ' + 'its code); a conflict at commit is retried',
  async () => {
    const db = emu.database();
    let attempts = 0;
    const atWrite = db.runTransaction(async (transaction: TestDatabase) => {
      attempts += 1;
      await transaction.collection('accounts').doc('b').get();
      await db
        .collection('accounts')
        .doc('b')
        .update({ data: { balance: db.command.inc(10) } });
      await transaction
        .collection('accounts')
        .doc('b')
        .update({ data: { balance: db.command.inc(100) } });
    });
    await expect(atWrite).rejects.toThrow(TRANSACTION_CONFLICT_MESSAGE);
    expect([attempts, await balance(db, 'b')]).toEqual([1, 10]);

    attempts = 0;
    await db.runTransaction(async (transaction: TestDatabase) => {
      attempts += 1;
      await transaction
        .collection('accounts')
        .doc('b')
        .update({ data: { balance: db.command.inc(100) } });
      if (attempts === 1)
        await db
          .collection('accounts')
          .doc('b')
          .update({ data: { balance: db.command.inc(1) } });
    });
    expect([attempts, await balance(db, 'b')]).toEqual([2, 111]);
  },
);

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
  'a committed, aborted or expired (30 s) transaction fails with ' +
    'DATABASE_TRANSACTION_FAIL and the service message',
  async () => {
    const db = emu.database();
    const failure = { code: 'DATABASE_TRANSACTION_FAIL', message: TRANSACTION_NOT_EXIST_MESSAGE };
    const committed = await db.startTransaction();
    await committed.commit();
    await expect(committed.collection('accounts').doc('a').get()).rejects.toThrow(TRANSACTION_NOT_EXIST_MESSAGE);
    const aborted = await db.startTransaction();
    await aborted.rollback();
    await expect(aborted.commit()).rejects.toMatchObject(failure);
    const late = await db.startTransaction();
    await late
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: 1 } });
    clock.advance(29_000);
    expect((await late.collection('accounts').doc('a').get()).data.balance).toBe(1);
    clock.advance(1_001);
    await expect(late.collection('accounts').doc('a').get()).rejects.toThrow(TRANSACTION_NOT_EXIST_MESSAGE);
    await expect(late.commit()).rejects.toMatchObject(failure);
    expect(await balance(db, 'a')).toBe(100);
  },
);

function nodeSdkDatabase(): TestDatabase {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tcb = require('@cloudbase/node-sdk') as { init(config: object): { database(): TestDatabase } };
  return tcb.init({ env: emu.emulator.envId }).database();
}

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
