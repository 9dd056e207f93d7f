/**
 * State the host keeps stays bounded whatever callers send, through real HTTP: unknown action
 * names are counted under one key, collections per action are capped, and open transactions are
 * capped with the service's error (the SDK's -501004) until one is committed or aborted.
 */
import { MAX_OPEN_TRANSACTIONS } from '../limits';
import { useEmulator } from '../../test-support/use-emulator';
import { MAX_COUNTED_COLLECTIONS, OTHER_COLLECTIONS_KEY, UNKNOWN_ACTION_KEY } from './stats';

process.env.SILENCE = 'true';

const emu = useEmulator({ collections: ['users'] });

async function post(envelopes: Array<Record<string, unknown>>): Promise<Array<Record<string, unknown>>> {
  const answers: Array<Record<string, unknown>> = [];
  for (let at = 0; at < envelopes.length; at += 50) {
    const batch = envelopes.slice(at, at + 50).map(async (envelope) => {
      const response = await fetch(emu.emulator.dbUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(envelope),
      });
      return (await response.json()) as Record<string, unknown>;
    });
    answers.push(...(await Promise.all(batch)));
  }
  return answers;
}

test('unknown action names are counted under one key, not kept one by one', async () => {
  const names = Array.from({ length: 500 }, (_, i) => ({ action: `made.up.action${i}`, collectionName: `c${i}` }));
  const answers = await post(names);
  expect(answers.every((answer) => answer.code === 'INVALID_ACTION')).toBe(true);
  const stats = emu.emulator.stats();
  expect(Object.keys(stats.byAction)).toEqual([UNKNOWN_ACTION_KEY]);
  expect(stats.byAction[UNKNOWN_ACTION_KEY]).toEqual({ total: 500, byCollection: { '': 500 } });
  expect(stats.total).toBe(500);
}, 30_000);

test('collections counted per action are capped; the rest share one key', async () => {
  const count = MAX_COUNTED_COLLECTIONS + 200;
  await post(
    Array.from({ length: count }, (_, i) => ({
      action: 'database.calculateDocument',
      collectionName: `missing-${i}`,
      query: '{}',
    })),
  );
  const counted = emu.emulator.stats().byAction['database.calculateDocument'];
  expect(counted?.total).toBe(count);
  expect(Object.keys(counted?.byCollection ?? {})).toHaveLength(MAX_COUNTED_COLLECTIONS + 1);
  expect(counted?.byCollection[OTHER_COLLECTIONS_KEY]).toBe(200);
}, 30_000);

test('open transactions are capped with EXCEED_CONCURRENT_REQUEST_LIMIT, and room returns when one ends', async () => {
  const started = await post(
    Array.from({ length: MAX_OPEN_TRANSACTIONS }, () => ({ action: 'database.startTransaction' })),
  );
  expect(started.every((answer) => typeof answer.transactionId === 'string')).toBe(true);
  const [refused] = await post([{ action: 'database.startTransaction' }]);
  expect(refused).toMatchObject({
    code: 'EXCEED_CONCURRENT_REQUEST_LIMIT',
    message: expect.stringContaining(`at most ${MAX_OPEN_TRANSACTIONS}`),
  });
  await expect(emu.database().startTransaction()).rejects.toThrow(/too many open transactions/);
  await post([{ action: 'database.abortTransaction', transactionId: started[0]?.transactionId }]);
  const [next] = await post([{ action: 'database.startTransaction' }]);
  expect(typeof next?.transactionId).toBe('string');
}, 30_000);
