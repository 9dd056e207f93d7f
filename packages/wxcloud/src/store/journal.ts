/**
 * The journal file format: one line per committed batch of mutations,
 * `<crc32 of the rest, 8 hex> <sequence number> <JSON of the batch>\n`, documents in canonical
 * EJSON. The first record is number 1 and each next one is one more, so a lost, repeated or
 * altered record is found. Lines written by earlier versions (`{"ops":[...]}`, no checksum) are
 * still read. Reading cuts only a torn, unterminated last line (a write interrupted by a crash,
 * never acknowledged); any other bad record stops the open with the byte where it starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BSONRegExp, EJSON } from 'bson';
import { toEjsonValue } from '../ejson';
import { checksum } from './checksum';
import type { Doc, Mutation } from './types';

const CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;
const RECORD_HEADER = /^([0-9a-f]{8}) (\d+) /;

type EncodedMutation =
  { t: 'c'; c: string } | { t: 'p'; c: string; d: unknown } | { t: 'd'; c: string; i: string | number } | { t: 'x' };

/** A journal that cannot be read as written: the open stops rather than guess. */
export class JournalCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number,
    readonly reason: string,
  ) {
    super(
      `journal ${file} is corrupt at byte ${offset}: ${reason}. Nothing was changed. To recover, restore the data ` +
        `directory from a backup, or keep a copy of the file and cut it at ` +
        `that byte (this loses that record and every ` +
        `later one): node -e "require('fs').truncateSync(process.argv[1], ${offset})" "${file}"`,
    );
    this.name = 'JournalCorruptError';
  }
}

/** The line recording batch number `seq`. */
export function encodeRecord(seq: number, batch: readonly Mutation[]): string {
  const body = `${seq} ${JSON.stringify({ ops: batch.map(encodeMutation) })}`;
  return `${checksum(body)} ${body}\n`;
}

function encodeMutation(mutation: Mutation): EncodedMutation {
  switch (mutation.type) {
    case 'createCollection':
      return { t: 'c', c: mutation.collection };
    case 'put':
      return { t: 'p', c: mutation.collection, d: toEjsonValue(mutation.doc) };
    case 'delete':
      return { t: 'd', c: mutation.collection, i: mutation.id };
    case 'clear':
      return { t: 'x' };
  }
}

export interface DecodedRecord {
  /** The record's sequence number (legacy lines have none). */
  seq: number | undefined;
  batch: Mutation[];
}

/** Decodes one line (without its newline); throws a reason when it is not a valid record. */
export function decodeRecord(line: string): DecodedRecord {
  if (line.startsWith('{')) return { seq: undefined, batch: decodeOps(line) };
  const header = RECORD_HEADER.exec(line);
  if (!header) throw new Error('the record has no checksum and sequence header');
  const body = line.slice(9);
  if (checksum(body) !== header[1]) throw new Error('the record does not match its checksum');
  return { seq: Number(header[2]), batch: decodeOps(line.slice(header[0].length)) };
}

function decodeOps(json: string): Mutation[] {
  const record = JSON.parse(json) as { ops?: EncodedMutation[] };
  if (!record || !Array.isArray(record.ops)) throw new Error('the record has no ops');
  return record.ops.map((op): Mutation => {
    switch (op.t) {
      case 'c':
        return { type: 'createCollection', collection: op.c };
      case 'p':
        return { type: 'put', collection: op.c, doc: decodeStoredDoc(op.d) };
      case 'd':
        return { type: 'delete', collection: op.c, id: op.i };
      case 'x':
        return { type: 'clear' };
      default:
        throw new Error(`unknown journal op ${JSON.stringify(op).slice(0, 100)}`);
    }
  });
}

/** Canonical EJSON back to the runtime values the store holds, with nothing interpreted. */
function decodeStoredDoc(value: unknown): Doc {
  return toRegExps(EJSON.deserialize(value as Parameters<typeof EJSON.deserialize>[0], { relaxed: true })) as Doc;
}

function toRegExps(value: unknown): unknown {
  if (value instanceof BSONRegExp)
    return new RegExp(value.pattern, [...value.options].filter((flag) => 'imsu'.includes(flag)).join(''));
  if (Array.isArray(value)) return value.map(toRegExps);
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) object[key] = toRegExps(object[key]);
  return object;
}

export interface ReplayResult {
  /** Bytes of the file made of complete, valid records. */
  validBytes: number;
  records: number;
  /** Records in the format of earlier versions (the store migrates them). */
  legacyRecords: number;
  /** Bytes of a torn, unterminated last record (0 when none). */
  tornBytes: number;
}

/** Reads the journal at `file` record by record, calling `onBatch` for each; throws JournalCorruptError. */
export function replayJournal(file: string, onBatch: (batch: Mutation[]) => void): ReplayResult {
  if (!fs.existsSync(file)) return { validBytes: 0, records: 0, legacyRecords: 0, tornBytes: 0 };
  const fd = fs.openSync(file, 'r');
  try {
    return replayFd(fd, file, onBatch);
  } finally {
    fs.closeSync(fd);
  }
}

function replayFd(fd: number, file: string, onBatch: (batch: Mutation[]) => void): ReplayResult {
  const chunk = Buffer.alloc(CHUNK_BYTES);
  const result: ReplayResult = { validBytes: 0, records: 0, legacyRecords: 0, tornBytes: 0 };
  let pending = Buffer.alloc(0);
  for (let offset = 0; ;) {
    const read = fs.readSync(fd, chunk, 0, CHUNK_BYTES, offset);
    if (read === 0) break;
    offset += read;
    pending = Buffer.concat([pending, chunk.subarray(0, read)]);
    let newline = pending.indexOf(NEWLINE);
    while (newline !== -1) {
      replayLine(file, pending.subarray(0, newline).toString('utf8'), result, onBatch);
      result.validBytes += newline + 1;
      pending = pending.subarray(newline + 1);
      newline = pending.indexOf(NEWLINE);
    }
  }
  result.tornBytes = pending.length;
  return result;
}

function replayLine(file: string, line: string, result: ReplayResult, onBatch: (batch: Mutation[]) => void): void {
  let record: DecodedRecord;
  try {
    record = decodeRecord(line);
  } catch (error) {
    throw new JournalCorruptError(file, result.validBytes, (error as Error).message);
  }
  const expected = result.records + 1;
  if (record.seq !== undefined && record.seq !== expected) {
    throw new JournalCorruptError(
      file,
      result.validBytes,
      `record number ${record.seq} found where number ${expected} belongs`,
    );
  }
  try {
    onBatch(record.batch);
  } catch (error) {
    throw new JournalCorruptError(file, result.validBytes, `the record cannot be applied: ${(error as Error).message}`);
  }
  result.records = expected;
  if (record.seq === undefined) result.legacyRecords += 1;
}

/** Writes all of `text` at the fd's current end, retrying short writes. */
export function writeFully(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
}

/** Replaces `file` by one holding `batches` numbered from 1, atomically (temp file, fsync, rename, fsync dir). */
export function rewriteJournal(file: string, batches: Iterable<Mutation[]>): number {
  const temp = `${file}.compact-tmp`;
  const fd = fs.openSync(temp, 'w');
  let seq = 0;
  try {
    for (const batch of batches) writeFully(fd, encodeRecord(++seq, batch));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  fsyncDirectory(file);
  return seq;
}

export function fsyncDirectory(file: string): void {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync on Windows
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}
