/**
 * Bounded work: a catastrophic regular expression over crafted ids, a `$expr` building a huge
 * `$range`, and an aggregation doing the same neither stall the emulator nor eat its memory: each
 * answers at once (V8's linear-time regexp engine) or is stopped at the request's time budget with
 * the service's SERVER_TIMEOUT, writes nothing, and the next request is served normally.
 */
import { useEmulator } from '../../../test-support/use-emulator';

const BUDGET_MS = 400;
const emu = useEmulator({ collections: ['items'], queryBudgetMs: BUDGET_MS });
const CRAFTED = 'a'.repeat(27);

beforeEach(async () => {
  const db = emu.database();
  await db.collection('items').add({
    data: [
      { _id: `${CRAFTED}!`, n: 1 },
      { _id: 'plain', n: 2 },
    ],
  });
});

async function errorOf(promise: Promise<unknown>): Promise<{ errCode?: number; errMsg?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { errCode?: number; errMsg?: string };
  }
  throw new Error('expected the request to fail');
}

async function stillServes(): Promise<void> {
  const db = emu.database();
  expect((await db.collection('items').doc('plain').get()).data).toEqual({ _id: 'plain', n: 2 });
  expect((await db.collection('items').count()).total).toBe(2);
}

test('a catastrophic regular expression over crafted ids answers correctly without backtracking', async () => {
  const db = emu.database();
  const res = await db
    .collection('items')
    .where({ _id: db.RegExp({ regexp: '^(a+)+$' }) })
    .get();
  expect(res.data).toEqual([]);
  const matched = await db
    .collection('items')
    .where({ _id: db.RegExp({ regexp: '^(a+)+!$' }) })
    .get();
  expect(matched.data).toEqual([{ _id: `${CRAFTED}!`, n: 1 }]);
  await stillServes();
});

test('a catastrophic pattern the linear engine cannot run is stopped at the budget with SERVER_TIMEOUT', async () => {
  const db = emu.database();
  const error = await errorOf(
    db
      .collection('items')
      .where({ _id: db.RegExp({ regexp: '^(a+)+$', options: 'i' }) })
      .get(),
  );
  expect(error.errCode).toBe(-501002);
  expect(error.errMsg).toMatch(/longer than the 400 ms/);
  await stillServes();
});

test('an update whose filter runs past the budget writes nothing', async () => {
  const db = emu.database();
  const error = await errorOf(
    db
      .collection('items')
      .where({ _id: db.RegExp({ regexp: '^(a+)+$', options: 'i' }) })
      .update({ data: { touched: true } }),
  );
  expect(error.errCode).toBe(-501002);
  expect((await db.collection('items').where({ touched: true }).count()).total).toBe(0);
  await stillServes();
});

test('an aggregation building ranges of ranges is stopped at the budget', async () => {
  const db = emu.database();
  const $ = db.command.aggregate;
  const error = await errorOf(
    db
      .collection('items')
      .aggregate()
      .project({ big: $.range([0, 4_000_000, 1]), n: $.size($.range([0, '$n', 1])) })
      .addFields({ more: $.map({ input: '$big', in: $.range([0, '$$this', 1]) }) })
      .end(),
  );
  expect(error.errMsg ?? (error as Error).message).toMatch(/longer than the 400 ms/);
  await stillServes();
});

test('a $range larger than a request may build is refused before it allocates', async () => {
  const db = emu.database();
  const $ = db.command.aggregate;
  const error = await errorOf(
    db
      .collection('items')
      .where(db.command.expr($.gt([$.size($.range([0, 1e12, 1])), 0])))
      .get(),
  );
  expect(error.errCode).toBe(-502001);
  expect(error.errMsg).toMatch(/\$range would produce 1000000000000 elements/);
  await stillServes();
});
