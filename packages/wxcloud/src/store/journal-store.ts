/**
 * The durable embedded store (the default): documents live in a MemoryStore (O(1) by `_id`),
 * every committed batch is appended to an append-only journal (checksummed, numbered records, see
 * journal.ts) with a synchronous write before the request is acknowledged, and `flush()`
 * group-commits fdatasync so that every acknowledged write survives kill -9 and power loss. A batch
 * is written only once its encoding is known to read back exactly. On open the directory is locked
 * (directory-lock.ts), the journal replayed (a torn last record is cut off and logged), journals of
 * earlier versions migrated, and the journal compacted into a snapshot when it is large and mostly
 * garbage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { JOURNAL_COMPACT_MIN_BYTES } from '../limits';
import { lockDirectory, type DirectoryLock } from './directory-lock';
import { decodeRecord, encodeRecord, fsyncDirectory, replayJournal, rewriteJournal, writeFully } from './journal';
import { MemoryStore, validateMutation } from './memory-store';
import { sameStoredValue } from './storable';
import type { Doc, DocId, Mutation, Store } from './types';

export const JOURNAL_FILE = 'journal.jsonl';
const SNAPSHOT_CHUNK = 1000;

export interface JournalStoreOptions {
  /** Directory holding the journal; created if missing. */
  dir: string;
  /** Compact on open once the journal is larger than this (bytes). */
  compactMinBytes?: number;
  /** Where recovery notes go (a torn record cut off, a journal migrated). Default: stderr. */
  log?: (message: string) => void;
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
    private readonly lock: DirectoryLock,
    fd: number,
    /** Number of the last record in the file. */
    private recordSeq: number,
  ) {
    this.fd = fd;
  }

  /**
   * Opens (or creates) the store in `options.dir`, replaying its journal; throws JournalCorruptError or
   * DirectoryInUseError.
   */
  static async open(options: JournalStoreOptions): Promise<JournalStore> {
    fs.mkdirSync(options.dir, { recursive: true });
    const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
    const lock = await lockDirectory(options.dir);
    try {
      const file = path.join(options.dir, JOURNAL_FILE);
      const memory = new MemoryStore();
      const replay = replayJournal(file, (batch) => memory.apply(batch));
      let records = replay.records;
      if (replay.tornBytes > 0) {
        truncateTo(file, replay.validBytes);
        log(
          `journal ${file}: cut off a torn last record (${replay.tornBytes} ` +
            `bytes at byte ${replay.validBytes}), a write a crash interrupted ` +
            `before it was acknowledged`,
        );
      }
      if (replay.legacyRecords > 0) {
        records = rewriteJournal(file, snapshotBatches(memory));
        log(`journal ${file}: migrated ${replay.legacyRecords} records to the checksummed format`);
      } else if (shouldCompact(memory, replay.validBytes, records, options.compactMinBytes)) {
        records = rewriteJournal(file, snapshotBatches(memory));
      }
      const fd = fs.openSync(file, 'a');
      return new JournalStore(memory, file, lock, fd, records);
    } catch (error) {
      await lock.release();
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
    const text = encodeRecord(this.recordSeq + 1, batch);
    assertReadsBack(text, batch);
    const sizeBefore = fs.fstatSync(fd).size;
    try {
      writeFully(fd, text);
    } catch (error) {
      fs.ftruncateSync(fd, sizeBefore);
      throw error;
    }
    this.recordSeq += 1;
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
    await this.lock.release();
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

function shouldCompact(
  memory: MemoryStore,
  bytes: number,
  records: number,
  minBytes = JOURNAL_COMPACT_MIN_BYTES,
): boolean {
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

/** Refuses a batch whose journal line would not read back as the very same documents. */
function assertReadsBack(line: string, batch: readonly Mutation[]): void {
  const decoded = decodeRecord(line.slice(0, -1)).batch;
  batch.forEach((mutation, index) => {
    const back = decoded[index];
    if (mutation.type === 'put' && !(back?.type === 'put' && sameStoredValue(mutation.doc, back.doc))) {
      throw new Error(
        `document ${JSON.stringify(mutation.doc._id)} ` +
          `of ${mutation.collection} would not read back as written; nothing was written`,
      );
    }
  });
}
