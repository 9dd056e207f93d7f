/**
 * Transactions as db.runTransaction and db.startTransaction use them through wx-server-sdk
 * (ordinary actions carrying transactionId): commit, rollback, snapshot isolation from the first
 * operation, conflicting writers, and expiry. The node SDK's view (error codes, raw operators, the
 * older per-document API) is in transactions-node-sdk.test.ts.
 */
import type { TestDatabase } from '../../../test-support/use-emulator';
import { TRANSACTION_CONFLICT_MESSAGE, TRANSACTION_NOT_EXIST_MESSAGE } from '../transactions';
import { useAccounts } from './transaction-accounts';

const { emu, clock, balance } = useAccounts();

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
