/** Runs the store contract against the durable journal store, then its own crash-recovery cases. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeStoreContract } from './contract';
import { JOURNAL_FILE, JournalStore } from './journal-store';
import type { Store } from './types';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'journal-store-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const opened = new Map<Store, string>();
describeStoreContract('JournalStore', {
  create: () => {
    const dir = tempDir();
    const store = JournalStore.open({ dir });
    opened.set(store, dir);
    return store;
  },
  reopen: async (store) => {
    const dir = opened.get(store) as string;
    await store.close();
    const again = JournalStore.open({ dir });
    opened.set(again, dir);
    return again;
  },
});

describe('JournalStore recovery', () => {
  test('a torn last record is cut off and earlier records are kept', async () => {
    const dir = tempDir();
    const store = JournalStore.open({ dir });
    store.apply([{ type: 'createCollection', collection: 'c' }, { type: 'put', collection: 'c', doc: { _id: 'a', n: 1 } }]);
    await store.close();
    fs.appendFileSync(path.join(dir, JOURNAL_FILE), '{"ops":[{"t":"p","c":"c","d":{"_id":"b"');
    const reopened = JournalStore.open({ dir });
    expect(reopened.get('c', 'a')).toEqual({ _id: 'a', n: 1 });
    expect(reopened.get('c', 'b')).toBeUndefined();
    reopened.apply([{ type: 'put', collection: 'c', doc: { _id: 'c', n: 3 } }]);
    await reopened.close();
    const third = JournalStore.open({ dir });
    expect(third.count('c')).toBe(2);
    await third.close();
  });

  test('a bad record followed by good ones is refused as corruption', async () => {
    const dir = tempDir();
    const file = path.join(dir, JOURNAL_FILE);
    fs.writeFileSync(file, '{"ops":[{"t":"c","c":"x"}]}\nnot json\n{"ops":[{"t":"c","c":"y"}]}\n');
    expect(() => JournalStore.open({ dir })).toThrow(/corrupt/);
    expect(fs.existsSync(path.join(dir, 'LOCK'))).toBe(false);
  });

  test('a second open of a directory in use is refused', async () => {
    const dir = tempDir();
    const store = JournalStore.open({ dir });
    expect(() => JournalStore.open({ dir })).toThrow(/in use/);
    await store.close();
    const again = JournalStore.open({ dir });
    await again.close();
  });

  test('a large, mostly rewritten journal is compacted on open without losing data', async () => {
    const dir = tempDir();
    const store = JournalStore.open({ dir });
    store.apply([{ type: 'createCollection', collection: 'c' }]);
    for (let i = 0; i < 300; i += 1) store.apply([{ type: 'put', collection: 'c', doc: { _id: 'same', n: i, pad: 'x'.repeat(100) } }]);
    await store.close();
    const before = fs.statSync(path.join(dir, JOURNAL_FILE)).size;
    const compacted = JournalStore.open({ dir, compactMinBytes: 1000 });
    expect(fs.statSync(path.join(dir, JOURNAL_FILE)).size).toBeLessThan(before / 10);
    expect(compacted.get('c', 'same')?.n).toBe(299);
    await compacted.close();
    const after = JournalStore.open({ dir });
    expect(after.get('c', 'same')?.n).toBe(299);
    await after.close();
  });

  test('concurrent flushes share syncs and all resolve', async () => {
    const dir = tempDir();
    const store = JournalStore.open({ dir });
    store.apply([{ type: 'createCollection', collection: 'c' }]);
    const flushes: Promise<void>[] = [];
    for (let i = 0; i < 50; i += 1) {
      store.apply([{ type: 'put', collection: 'c', doc: { _id: i } }]);
      flushes.push(store.flush());
    }
    await Promise.all(flushes);
    await store.close();
    const lines = fs.readFileSync(path.join(dir, JOURNAL_FILE), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(51);
  });
});
