/**
 * Import and export of data as JSON files, one collection per file named `<collection>.json`.
 * Export writes JSON Lines (one canonical EJSON document per line, like the CloudBase console's
 * export). Import reads JSON Lines or a JSON array, canonical or relaxed EJSON; documents
 * without `_id` get one; an existing document with the same `_id` is replaced.
 */
import fs from 'node:fs';
import path from 'node:path';
import { invalidParam } from '../host/errors';
import { fromEjsonValue, isPlainObject, toEjsonValue } from '../ejson';
import type { Mutation } from '../store/types';
import { fromStored, toStored, type Doc } from './ids';
import { assertWritableDoc } from './engine';
import { collectionName } from './schemas';
import { commitMutations, type DatabaseState } from './state';

const BATCH = 1000;

/** Imports every `*.json` file of `dir`; returns the number of documents per collection. */
export function importCollections(state: DatabaseState, dir: string): Record<string, number> {
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return importFiles(
    state,
    files.map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') })),
    dir,
  );
}

/**
 * Imports `<collection>.json` files given as text (the console's upload): every file is checked
 * before anything is written. Returns the number of documents per collection.
 */
export function importFiles(
  state: DatabaseState,
  files: ReadonlyArray<{ name: string; text: string }>,
  dir = '',
): Record<string, number> {
  const parsed = files.map(({ name, text }) => {
    const collection = path.basename(name, '.json');
    if (!name.endsWith('.json') || !collectionName.safeParse(collection).success) {
      throw invalidParam(`${name}: "${collection}" is not a valid collection name (files are named <collection>.json)`);
    }
    return { collection, docs: readDocuments(state, text, dir ? path.join(dir, name) : name) };
  });
  const counts: Record<string, number> = {};
  for (const { collection, docs } of parsed) {
    const batches: Mutation[][] = [[{ type: 'createCollection', collection }]];
    for (let start = 0; start < docs.length; start += BATCH) {
      batches.push(
        docs.slice(start, start + BATCH).map((doc): Mutation => ({ type: 'put', collection, doc: toStored(doc) })),
      );
    }
    for (const batch of batches) commitMutations(state, batch);
    counts[collection] = docs.length;
  }
  return counts;
}

function readDocuments(state: DatabaseState, content: string, file: string): Doc[] {
  const text = content.trim();
  let items: unknown[];
  try {
    items =
      text === ''
        ? []
        : text.startsWith('[')
          ? (JSON.parse(text) as unknown[])
          : text
              .split('\n')
              .filter((line) => line.trim() !== '')
              .map((line) => JSON.parse(line) as unknown);
  } catch (error) {
    throw invalidParam(`${file} is not JSON Lines or a JSON array: ${(error as Error).message}`);
  }
  return items.map((item, index) => {
    const doc = fromEjsonValue(item, state.now(), `${file} document ${index + 1}`);
    if (!isPlainObject(doc)) throw invalidParam(`${file} document ${index + 1} is not an object`);
    if (doc._id === undefined) doc._id = state.newId();
    assertWritableDoc(doc);
    return doc;
  });
}

/** One collection as the export writes it: JSON Lines of canonical EJSON. */
export function exportCollectionText(state: DatabaseState, collection: string): string {
  let text = '';
  for (const doc of state.store.scan(collection)) text += `${JSON.stringify(toEjsonValue(doc))}\n`;
  return text;
}

/** Writes one `<collection>.json` per collection into `dir`; returns the number of documents per collection. */
export function exportCollections(state: DatabaseState, dir: string): Record<string, number> {
  fs.mkdirSync(dir, { recursive: true });
  const counts: Record<string, number> = {};
  for (const collection of state.store.collectionNames()) {
    const target = path.join(dir, `${collection}.json`);
    const temp = `${target}.tmp`;
    const fd = fs.openSync(temp, 'w');
    try {
      let count = 0;
      for (const doc of state.store.scan(collection)) {
        fs.writeSync(fd, `${JSON.stringify(toEjsonValue(fromStored(doc)))}\n`);
        count += 1;
      }
      counts[collection] = count;
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  }
  return counts;
}
