/**
 * The journal file format: one JSON line per committed batch of mutations, documents in canonical
 * EJSON. Reading tolerates a torn last line (a crash in the middle of a write); a bad line
 * followed by good ones means corruption and is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fromEjsonValue, toEjsonValue } from '../ejson';
import type { Doc, Mutation } from './types';

const CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

type EncodedMutation =
  | { t: 'c'; c: string }
  | { t: 'p'; c: string; d: unknown }
  | { t: 'd'; c: string; i: string | number }
  | { t: 'x' };

export function encodeBatch(batch: readonly Mutation[]): string {
  const ops = batch.map((mutation): EncodedMutation => {
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
  });
  return `${JSON.stringify({ ops })}\n`;
}

export function decodeBatch(line: string): Mutation[] {
  const record = JSON.parse(line) as { ops?: EncodedMutation[] };
  if (!record || !Array.isArray(record.ops)) throw new Error('journal record has no ops');
  return record.ops.map((op): Mutation => {
    switch (op.t) {
      case 'c':
        return { type: 'createCollection', collection: op.c };
      case 'p':
        return { type: 'put', collection: op.c, doc: fromEjsonValue(op.d, new Date(0), 'journal document') as Doc };
      case 'd':
        return { type: 'delete', collection: op.c, id: op.i };
      case 'x':
        return { type: 'clear' };
      default:
        throw new Error(`unknown journal op ${JSON.stringify(op)}`);
    }
  });
}

export interface ReplayResult {
  /** Bytes of the file made of complete, valid records. */
  validBytes: number;
  records: number;
  /** True when a torn last record was found (and should be cut off). */
  torn: boolean;
}

/** Reads the journal at `file` record by record, calling `onBatch` for each valid one. */
export function replayJournal(file: string, onBatch: (batch: Mutation[]) => void): ReplayResult {
  if (!fs.existsSync(file)) return { validBytes: 0, records: 0, torn: false };
  const fd = fs.openSync(file, 'r');
  try {
    return replayFd(fd, file, onBatch);
  } finally {
    fs.closeSync(fd);
  }
}

function replayFd(fd: number, file: string, onBatch: (batch: Mutation[]) => void): ReplayResult {
  const chunk = Buffer.alloc(CHUNK_BYTES);
  let pending = Buffer.alloc(0);
  let offset = 0;
  let validBytes = 0;
  let records = 0;
  let badAt: number | undefined;
  for (;;) {
    const read = fs.readSync(fd, chunk, 0, CHUNK_BYTES, offset);
    if (read === 0) break;
    offset += read;
    pending = Buffer.concat([pending, chunk.subarray(0, read)]);
    let newline = pending.indexOf(NEWLINE);
    while (newline !== -1) {
      const line = pending.subarray(0, newline).toString('utf8');
      pending = pending.subarray(newline + 1);
      if (badAt !== undefined) throw new Error(`journal ${file} is corrupt at byte ${badAt} (a bad record is followed by more records)`);
      try {
        onBatch(decodeBatch(line));
        validBytes += newline + 1;
        records += 1;
      } catch {
        badAt = validBytes;
      }
      newline = pending.indexOf(NEWLINE);
    }
  }
  return { validBytes, records, torn: badAt !== undefined || pending.length > 0 };
}

/** Writes all of `text` at the fd's current end, retrying short writes. */
export function writeFully(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
}

/** Replaces `file` by one holding `batches`, atomically (temp file, fsync, rename, fsync dir). */
export function rewriteJournal(file: string, batches: Iterable<Mutation[]>): void {
  const temp = `${file}.compact-tmp`;
  const fd = fs.openSync(temp, 'w');
  try {
    for (const batch of batches) writeFully(fd, encodeBatch(batch));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  fsyncDirectory(file);
}

export function fsyncDirectory(file: string): void {
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}
