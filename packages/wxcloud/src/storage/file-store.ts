/**
 * Where the emulator keeps stored files: in memory, or durably under `<dataDir>/storage/` (each
 * file as `<sha1 of its path>.bin` beside a `.json` of its metadata, both written to a temporary
 * name, flushed and renamed, the metadata last: a file exists once its metadata does, so a crash
 * never leaves half a file visible).
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';

export interface StoredFileMeta {
  cloudPath: string;
  /** The phone user who uploaded it; undefined for a file uploaded by a function or the console. */
  openid?: string;
  size: number;
  contentType: string;
  uploadedAt: string;
}

export interface FileStore {
  put(meta: StoredFileMeta, bytes: Uint8Array): void;
  meta(cloudPath: string): StoredFileMeta | undefined;
  read(cloudPath: string): Uint8Array | undefined;
  remove(cloudPath: string): boolean;
  /** Every stored file's metadata, in no particular order. */
  list(): StoredFileMeta[];
  clear(): void;
}

export function memoryFileStore(): FileStore {
  const files = new Map<string, { meta: StoredFileMeta; bytes: Uint8Array }>();
  return {
    put: (meta, bytes) => void files.set(meta.cloudPath, { meta: { ...meta }, bytes: Uint8Array.from(bytes) }),
    meta: (cloudPath) => (files.has(cloudPath) ? { ...files.get(cloudPath)!.meta } : undefined),
    read: (cloudPath) => files.get(cloudPath)?.bytes,
    remove: (cloudPath) => files.delete(cloudPath),
    list: () => [...files.values()].map((file) => ({ ...file.meta })),
    clear: () => files.clear(),
  };
}

export function directoryFileStore(dir: string): FileStore {
  mkdirSync(dir, { recursive: true });
  const base = (cloudPath: string) => path.join(dir, createHash('sha1').update(cloudPath).digest('hex'));
  const meta = (cloudPath: string): StoredFileMeta | undefined => readMeta(`${base(cloudPath)}.json`)[0];
  return {
    put: (fileMeta, bytes) => {
      writeDurably(`${base(fileMeta.cloudPath)}.bin`, bytes);
      writeDurably(`${base(fileMeta.cloudPath)}.json`, Buffer.from(JSON.stringify(fileMeta)));
    },
    meta,
    read: (cloudPath) => (meta(cloudPath) ? readFileSync(`${base(cloudPath)}.bin`) : undefined),
    remove: (cloudPath) => {
      const existed = meta(cloudPath) !== undefined;
      rmSync(`${base(cloudPath)}.json`, { force: true });
      rmSync(`${base(cloudPath)}.bin`, { force: true });
      return existed;
    },
    list: () =>
      readdirSync(dir)
        .filter((name) => name.endsWith('.json'))
        .flatMap((name) => readMeta(path.join(dir, name))),
    clear: () => {
      for (const name of readdirSync(dir)) rmSync(path.join(dir, name), { force: true });
    },
  };
}

/** A file's metadata, or none while it is missing or half written. */
function readMeta(file: string): StoredFileMeta[] {
  try {
    return [JSON.parse(readFileSync(file, 'utf8')) as StoredFileMeta];
  } catch {
    return [];
  }
}

function writeDurably(file: string, bytes: Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}
