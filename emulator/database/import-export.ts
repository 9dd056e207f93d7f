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
  const counts: Record<string, number> = {};
  const files = fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  for (const file of files) {
    const collection = path.basename(file, '.json');
    if (!collectionName.safeParse(collection).success) throw invalidParam(`${file}: "${collection}" is not a valid collection name`);
    const docs = readDocuments(state, path.join(dir, file));
    const batches: Mutation[][] = [[{ type: 'createCollection', collection }]];
    for (let start = 0; start < docs.length; start += BATCH) {
      batches.push(docs.slice(start, start + BATCH).map((doc): Mutation => ({ type: 'put', collection, doc: toStored(doc) })));
    }
    for (const batch of batches) commitMutations(state, batch);
    counts[collection] = docs.length;
  }
  return counts;
}

function readDocuments(state: DatabaseState, file: string): Doc[] {
  const text = fs.readFileSync(file, 'utf8').trim();
  let items: unknown[];
  try {
    items = text === '' ? [] : text.startsWith('[') ? (JSON.parse(text) as unknown[]) : text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as unknown);
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
