/**
 * The durable embedded store (the default): documents live in a MemoryStore (O(1) by `_id`),
 * every committed batch is appended to an append-only journal with a synchronous write before
 * the request is acknowledged, and `flush()` group-commits fdatasync so that every acknowledged
 * write survives kill -9 and power loss. On open the journal is replayed (a torn last record is
 * cut off) and compacted into a snapshot when it is large and mostly garbage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JOURNAL_COMPACT_MIN_BYTES } from '../limits';
import { encodeBatch, fsyncDirectory, replayJournal, rewriteJournal, writeFully } from './journal';
import { MemoryStore, validateMutation } from './memory-store';
import type { Doc, DocId, Mutation, Store } from './types';

export const JOURNAL_FILE = 'journal.jsonl';
const LOCK_FILE = 'LOCK';
const SNAPSHOT_CHUNK = 1000;

export interface JournalStoreOptions {
  /** Directory holding the journal; created if missing. */
  dir: string;
  /** Compact on open once the journal is larger than this (bytes). */
  compactMinBytes?: number;
}

export class JournalStore implements Store {
  private fd: number | undefined;
  private writtenSeq = 0;
  private syncedSeq = 0;
  private inFlight: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  private constructor(
    private readonly memory: MemoryStore,
    private readonly file: string,
    private readonly lockFile: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Opens (or creates) the store in `options.dir`, replaying its journal. */
  static open(options: JournalStoreOptions): JournalStore {
    fs.mkdirSync(options.dir, { recursive: true });
    const lockFile = acquireLock(options.dir);
    try {
      const file = path.join(options.dir, JOURNAL_FILE);
      const memory = new MemoryStore();
      const replay = replayJournal(file, (batch) => memory.apply(batch));
      if (replay.torn) truncateTo(file, replay.validBytes);
      if (shouldCompact(memory, replay.validBytes, replay.records, options.compactMinBytes)) {
        rewriteJournal(file, snapshotBatches(memory));
      }
      const fd = fs.openSync(file, 'a');
      return new JournalStore(memory, file, lockFile, fd);
    } catch (error) {
      fs.rmSync(lockFile, { force: true });
      throw error;
    }
  }

  collectionNames(): string[] {
    return this.memory.collectionNames();
  }

  hasCollection(name: string): boolean {
    return this.memory.hasCollection(name);
  }

  get(collection: string, id: DocId): Doc | undefined {
    return this.memory.get(collection, id);
  }

  scan(collection: string): IterableIterator<Doc> {
    return this.memory.scan(collection);
  }

  count(collection: string): number {
    return this.memory.count(collection);
  }

  apply(batch: readonly Mutation[]): void {
    const fd = this.requireOpen();
    if (batch.length === 0) return;
    for (const mutation of batch) validateMutation(mutation);
    const text = encodeBatch(batch);
    const sizeBefore = fs.fstatSync(fd).size;
    try {
      writeFully(fd, text);
    } catch (error) {
      fs.ftruncateSync(fd, sizeBefore);
      throw error;
    }
    this.memory.apply(batch);
    this.writtenSeq += 1;
  }

  /** Group commit: every caller waiting at the same time shares one fdatasync. */
  flush(): Promise<void> {
    if (this.syncedSeq >= this.writtenSeq) return Promise.resolve();
    this.queued ??= (this.inFlight ?? Promise.resolve()).then(() => this.syncNow());
    return this.queued;
  }

  async close(): Promise<void> {
    if (this.fd === undefined) return;
    await this.flush();
    fs.closeSync(this.fd);
    this.fd = undefined;
    fs.rmSync(this.lockFile, { force: true });
  }

  private async syncNow(): Promise<void> {
    this.queued = undefined;
    const fd = this.requireOpen();
    const upTo = this.writtenSeq;
    const sync = new Promise<void>((resolve, reject) => {
      fs.fdatasync(fd, (error) => (error ? reject(error) : resolve()));
    }).then(() => {
      this.syncedSeq = Math.max(this.syncedSeq, upTo);
    });
    this.inFlight = sync;
    try {
      await sync;
    } finally {
      if (this.inFlight === sync) this.inFlight = undefined;
    }
  }

  private requireOpen(): number {
    if (this.fd === undefined) throw new Error(`store ${this.file} is closed`);
    return this.fd;
  }
}

function shouldCompact(memory: MemoryStore, bytes: number, records: number, minBytes = JOURNAL_COMPACT_MIN_BYTES): boolean {
  if (bytes < minBytes) return false;
  const liveRecords = memory.collectionNames().reduce((sum, name) => sum + memory.count(name), 0) / SNAPSHOT_CHUNK + 1;
  return records > 2 * liveRecords;
}

function* snapshotBatches(memory: MemoryStore): Generator<Mutation[]> {
  const names = memory.collectionNames();
  yield names.map((collection): Mutation => ({ type: 'createCollection', collection }));
  for (const collection of names) {
    let batch: Mutation[] = [];
    for (const doc of memory.scan(collection)) {
      batch.push({ type: 'put', collection, doc });
      if (batch.length === SNAPSHOT_CHUNK) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }
}

function truncateTo(file: string, bytes: number): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.ftruncateSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fsyncDirectory(file);
}

/** One process per data directory: a LOCK file holding the owner's pid (stale locks are taken over). */
function acquireLock(dir: string): string {
  const lockFile = path.join(dir, LOCK_FILE);
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    return lockFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number(fs.readFileSync(lockFile, 'utf8').trim());
  if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
    throw new Error(`data directory ${dir} is in use by process ${owner} (remove ${lockFile} if that is wrong)`);
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return lockFile;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
