/** Runs the store contract against the durable journal store, then its own crash-recovery cases. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeStoreContract } from '../../test-support/store-contract';
import { JOURNAL_FILE, JournalStore } from './journal-store';
import { JournalCorruptError } from './journal';
import { UnstorableValueError } from './storable';
import type { Doc, Store } from './types';

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
  create: async () => {
    const dir = tempDir();
    const store = await JournalStore.open({ dir, log: () => undefined });
    opened.set(store, dir);
    return store;
  },
  reopen: async (store) => {
    const dir = opened.get(store) as string;
    await store.close();
    const again = await JournalStore.open({ dir });
    opened.set(again, dir);
    return again;
  },
});

const quiet = { log: () => undefined };

describe('JournalStore recovery', () => {
  test('a torn, unterminated last record is cut off, logged, and earlier records are kept', async () => {
    const dir = tempDir();
    const store = await JournalStore.open({ dir });
    store.apply([
      { type: 'createCollection', collection: 'c' },
      { type: 'put', collection: 'c', doc: { _id: 'a', n: 1 } },
    ]);
    await store.close();
    const file = path.join(dir, JOURNAL_FILE);
    const good = fs.statSync(file).size;
    fs.appendFileSync(file, '8f3a11c0 2 {"ops":[{"t":"p","c":"c","d":{"_id":"b"');
    const notes: string[] = [];
    const reopened = await JournalStore.open({ dir, log: (note) => notes.push(note) });
    expect(notes).toEqual([expect.stringContaining(`torn last record (50 bytes at byte ${good})`)]);
    expect(reopened.get('c', 'a')).toEqual({ _id: 'a', n: 1 });
    expect(reopened.get('c', 'b')).toBeUndefined();
    reopened.apply([{ type: 'put', collection: 'c', doc: { _id: 'c', n: 3 } }]);
    await reopened.close();
    const third = await JournalStore.open({ dir, ...quiet });
    expect(third.count('c')).toBe(2);
    await third.close();
  });

  async function journalOf(dir: string, ...docs: number[]): Promise<string> {
    const store = await JournalStore.open({ dir });
    store.apply([{ type: 'createCollection', collection: 'c' }]);
    for (const n of docs) store.apply([{ type: 'put', collection: 'c', doc: { _id: `d${n}`, n } }]);
    await store.close();
    return path.join(dir, JOURNAL_FILE);
  }

  test.each([
    [
      'a changed byte in the last record',
      (lines: string[]) =>
        (lines[2] = (lines[2] as string).replace('"n":{"$numberInt":"2"}', '"n":{"$numberInt":"7"}')),
      /checksum/,
    ],
    [
      'a changed byte in a middle record',
      (lines: string[]) => (lines[1] = (lines[1] as string).replace('d1', 'e1')),
      /checksum/,
    ],
    ['a lost record', (lines: string[]) => lines.splice(1, 1), /record number 3 found where number 2 belongs/],
    [
      'a repeated record',
      (lines: string[]) => lines.splice(2, 0, lines[1] as string),
      /record number 2 found where number 3 belongs/,
    ],
    ['a complete last line that is not a record', (lines: string[]) => lines.push('garbage'), /no checksum/],
  ])('%s stops the open with the byte and the way to recover, and changes nothing', async (_name, damage, reason) => {
    const dir = tempDir();
    const file = await journalOf(dir, 1, 2);
    const lines = fs.readFileSync(file, 'utf8').split('\n').slice(0, -1);
    damage(lines);
    const text = `${lines.join('\n')}\n`;
    fs.writeFileSync(file, text);
    const error = await JournalStore.open({ dir, ...quiet }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(JournalCorruptError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).toMatch(/corrupt at byte \d+.*truncateSync\(process\.argv\[1\], \d+\)/);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
    const offset = (error as JournalCorruptError).offset;
    expect(text.slice(0, offset).endsWith('\n') || offset === 0).toBe(true);
  });

  test('a journal of the earlier format (no checksums) is read and migrated', async () => {
    const dir = tempDir();
    const file = path.join(dir, JOURNAL_FILE);
    fs.writeFileSync(
      file,
      '{"ops":[{"t":"c","c":"users"}]}\n' +
        '{"ops":[{"t":"p","c":"users","d":{"_id":"u1","at":{"$date":{"$numberLong":"7"}},"n":{"$numberInt":"3"}}}]}\n',
    );
    fs.writeFileSync(path.join(dir, 'LOCK'), '999999');
    const notes: string[] = [];
    const store = await JournalStore.open({ dir, log: (note) => notes.push(note) });
    expect(store.get('users', 'u1')).toEqual({ _id: 'u1', at: new Date(7), n: 3 });
    expect(notes).toEqual([expect.stringContaining('migrated 2 records')]);
    await store.close();
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{8} 1 /);
    const again = await JournalStore.open({ dir, ...quiet });
    expect(again.get('users', 'u1')).toEqual({ _id: 'u1', at: new Date(7), n: 3 });
    await again.close();
  });

  test('a document that would not read back the same is refused and nothing is written', async () => {
    const dir = tempDir();
    const store = await JournalStore.open({ dir });
    store.apply([{ type: 'createCollection', collection: 'c' }]);
    const size = fs.statSync(path.join(dir, JOURNAL_FILE)).size;
    const poisoned: Doc[] = [
      { _id: 'a', b: { $oid: '0123456789abcdef01234567' } },
      { _id: 'a', b: { $date: 5 } },
      { _id: 'a', b: { $numberLong: '5' } },
      { _id: 'a', b: { $tcb_server_date: {} } },
      { _id: 'a', at: new Date(Number.NaN) },
      { _id: 'a', list: [1, undefined] },
      { _id: 'a', deep: nested(100) },
    ];
    for (const doc of poisoned)
      expect(() => store.apply([{ type: 'put', collection: 'c', doc }])).toThrow(UnstorableValueError);
    expect(fs.statSync(path.join(dir, JOURNAL_FILE)).size).toBe(size);
    store.apply([{ type: 'put', collection: 'c', doc: { _id: 'ok', deep: nested(99) } }]);
    await store.close();
    const again = await JournalStore.open({ dir, ...quiet });
    expect(again.get('c', 'ok')).toEqual({ _id: 'ok', deep: nested(99) });
    await again.close();
  });

  test('a large, mostly rewritten journal is compacted on open without losing data', async () => {
    const dir = tempDir();
    const store = await JournalStore.open({ dir });
    store.apply([{ type: 'createCollection', collection: 'c' }]);
    for (let i = 0; i < 300; i += 1)
      store.apply([{ type: 'put', collection: 'c', doc: { _id: 'same', n: i, pad: 'x'.repeat(100) } }]);
    await store.close();
    const before = fs.statSync(path.join(dir, JOURNAL_FILE)).size;
    const compacted = await JournalStore.open({ dir, compactMinBytes: 1000 });
    expect(fs.statSync(path.join(dir, JOURNAL_FILE)).size).toBeLessThan(before / 10);
    expect(compacted.get('c', 'same')?.n).toBe(299);
    compacted.apply([{ type: 'put', collection: 'c', doc: { _id: 'next', n: 1 } }]);
    await compacted.close();
    const after = await JournalStore.open({ dir });
    expect(after.get('c', 'same')?.n).toBe(299);
    expect(after.get('c', 'next')?.n).toBe(1);
    await after.close();
  });

  test('concurrent flushes share syncs and all resolve', async () => {
    const dir = tempDir();
    const store = await JournalStore.open({ dir });
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

  test('stored documents are frozen: a reader cannot change them', async () => {
    const dir = tempDir();
    const store = await JournalStore.open({ dir });
    store.apply([
      { type: 'createCollection', collection: 'c' },
      { type: 'put', collection: 'c', doc: { _id: 'a', profile: { phone: '1' }, tags: ['x'] } },
    ]);
    const doc = store.get('c', 'a') as unknown as { profile: Record<string, unknown>; tags: string[] };
    expect(() => delete doc.profile.phone).toThrow(TypeError);
    expect(() => doc.tags.push('y')).toThrow(TypeError);
    expect(store.get('c', 'a')).toEqual({ _id: 'a', profile: { phone: '1' }, tags: ['x'] });
    await store.close();
  });
});

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = { x: value };
  return value;
}
