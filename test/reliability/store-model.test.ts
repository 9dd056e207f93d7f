/**
 * Model-based property tests of the durable store (fast-check). Random documents, with
 * adversarial field names (`$oid`, `__proto__`, `constructor`...), values (dates, NaN, -0, huge and
 * tiny numbers, unicode) and depths around the nesting limit, go through random inserts,
 * replacements, removals and field updates, interleaved with clean restarts and simulated kill -9
 * (the journal's bytes copied as the kill leaves them, plus a torn, unterminated record). After
 * every operation the document equals what a small reference model predicts (or, where MongoDB's
 * rules are not modelled, what was acknowledged); after every restart the whole collection does.
 * That any sequence of reads leaves the store, and its journal, byte-identical is in
 * store-reads.test.ts. Real SIGKILLs of a child emulator are in crash.test.ts and restart.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { DocId } from '../../packages/wxcloud/src/store/types';
import { recordFigure } from './helpers/figures';
import {
  canonical,
  copy,
  DatabaseUnderTest,
  depthOf,
  ejson,
  expectUpdate,
  refusedName,
  type Answer,
  type Expectation,
  type FieldOp,
} from './helpers/store-model';
import { docKey, REFUSED_NAMES, safeName, useTempDirs, value } from './helpers/store-values';

const MODEL_RUNS = 100;
const tempDir = useTempDirs();

const segment = fc.oneof(
  { weight: 8, arbitrary: safeName },
  { weight: 1, arbitrary: fc.constantFrom(...REFUSED_NAMES) },
);
const fieldPath = fc.oneof(
  { weight: 9, arbitrary: fc.array(segment, { minLength: 1, maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 97, max: 102 }).map((n) => Array.from({ length: n }, (_, i) => `d${i % 3}`)),
  },
);
const docId = fc.constantFrom<DocId>('a', 'b', 'c', 7, 8);
const fields = fc.dictionary(docKey, value, { maxKeys: 4 });

type Op =
  | { t: 'insert' | 'replace'; id: DocId; fields: Record<string, unknown> }
  | { t: 'remove'; id: DocId }
  | ({ id: DocId } & FieldOp)
  | { t: 'restart' }
  | { t: 'crash'; torn: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('insert' as const), id: docId, fields }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('replace' as const), id: docId, fields }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('remove' as const), id: docId }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('set' as const), id: docId, path: fieldPath, value }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('unset' as const), id: docId, path: fieldPath }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('inc' as const),
      id: docId,
      path: fieldPath,
      by: fc.integer({ min: -5, max: 5 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('rename' as const), id: docId, path: fieldPath, to: fieldPath }) },
  { weight: 1, arbitrary: fc.constant({ t: 'restart' as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('crash' as const), torn: fc.nat(80) }) },
);

const figures = { operations: 0, restarts: 0, crashes: 0, lost: 0 };

function request(op: Exclude<Op, { t: 'restart' | 'crash' }>): [string, Record<string, unknown>] {
  const byId = { query: ejson({ _id: op.id }), queryType: 'DOC' };
  const dotted = 'path' in op ? op.path.join('.') : '';
  switch (op.t) {
    case 'insert':
      return ['database.insertDocument', { data: [ejson({ _id: op.id, ...op.fields })] }];
    case 'replace':
      return ['database.modifyDocument', { ...byId, data: ejson(op.fields), merge: false }];
    case 'remove':
      return ['database.removeDocument', byId];
    case 'set':
      return ['database.modifyDocument', { ...byId, data: ejson({ $set: { [dotted]: op.value } }) }];
    case 'unset':
      return ['database.modifyDocument', { ...byId, data: ejson({ $unset: { [dotted]: '' } }) }];
    case 'inc':
      return ['database.modifyDocument', { ...byId, data: ejson({ $inc: { [dotted]: op.by } }) }];
    case 'rename':
      return ['database.modifyDocument', { ...byId, data: ejson({ $rename: { [dotted]: op.to.join('.') } }) }];
  }
}

function expectation(
  model: Map<DocId, Record<string, unknown>>,
  op: Exclude<Op, { t: 'restart' | 'crash' }>,
): Expectation {
  // EJSON may read `{ $oid: ... }` or `{ $tcb_server_date: ... }` in the request as a value: nothing unstorable may be
  // stored
  if ('path' in op && [...op.path, ...('to' in op ? op.to : [])].some(refusedName)) return { kind: 'unpredicted' };
  const sent = 'fields' in op ? op.fields : 'value' in op ? op.value : undefined;
  if (keys(sent).some((key) => key.includes('\u0000'))) return { kind: 'error' }; // BSON field names cannot hold NUL
  const requestDepth =
    op.t === 'insert' || op.t === 'replace' ? depthOf(op.fields) : op.t === 'set' ? depthOf(op.value) + 2 : 0;
  if (requestDepth > 100) return { kind: 'error' }; // the request itself nests deeper than the parser accepts
  const current = model.get(op.id);
  const whole = (doc: Record<string, unknown>): Expectation =>
    depthOf(doc) > 100 ? { kind: 'error' } : { kind: 'doc', doc };
  switch (op.t) {
    case 'insert':
      return current ? { kind: 'error' } : whole({ _id: op.id, ...copy(op.fields) });
    case 'replace':
      return current ? whole({ ...copy(op.fields), _id: op.id }) : { kind: 'doc', doc: undefined };
    case 'remove':
      return { kind: 'doc', doc: undefined };
    default:
      return expectUpdate(current, op);
  }
}

function keys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keys);
  if (value === null || typeof value !== 'object' || value instanceof Date) return [];
  return Object.entries(value).flatMap(([key, item]) => [key, ...keys(item)]);
}

function check(db: DatabaseUnderTest, model: Map<DocId, Record<string, unknown>>, id: DocId, context: string): void {
  const stored = db.store.get('things', id);
  const expected = model.get(id);
  if ((stored ? canonical(stored) : 'none') !== (expected ? canonical(expected) : 'none')) {
    figures.lost += 1;
    throw new Error(
      `${context}: document ${JSON.stringify(id)} ` +
        `is ${stored ? canonical(stored) : 'missing'}, ` +
        `expected ${expected ? canonical(expected) : 'none'}`,
    );
  }
}

function checkAll(db: DatabaseUnderTest, model: Map<DocId, Record<string, unknown>>, context: string): void {
  expect(db.store.count('things')).toBe(model.size);
  for (const id of ['a', 'b', 'c', 7, 8]) check(db, model, id, context);
}

async function apply(
  db: DatabaseUnderTest,
  model: Map<DocId, Record<string, unknown>>,
  op: Exclude<Op, { t: 'restart' | 'crash' }>,
): Promise<void> {
  const expected = expectation(model, op);
  const [action, params] = request(op);
  const answer: Answer = await db.call(action, params);
  const depth = 'fields' in op ? depthOf(op.fields) : 'value' in op ? depthOf(op.value) : '-';
  const context =
    `${JSON.stringify(op).slice(0, 300)} ` +
    `(depth ${depth}, ${model.has(op.id) ? 'present' : 'absent'}) ` +
    `answered ${JSON.stringify(answer)}`;
  if (expected.kind === 'doc') {
    if (!answer.ok) throw new Error(`${context}: expected success`);
    if (expected.doc) model.set(op.id, expected.doc);
    else model.delete(op.id);
  } else if (expected.kind === 'error') {
    if (answer.ok) throw new Error(`${context}: expected a refusal`);
  } else if (answer.ok) {
    const stored = db.store.get('things', op.id);
    if (stored) model.set(op.id, copy(stored));
  }
  check(db, model, op.id, context);
}

/** A kill -9 leaves every written byte (the page cache survives the process) and maybe part of the next record. */
async function crash(db: DatabaseUnderTest, torn: number): Promise<DatabaseUnderTest> {
  const dir = tempDir();
  const tail = `0badc0de 999 {"ops":[{"t":"p","c":"things","d":{"_id":"torn","x":"${'z'.repeat(80)}`.slice(0, torn);
  fs.writeFileSync(path.join(dir, 'journal.jsonl'), Buffer.concat([db.journalBytes(), Buffer.from(tail)]));
  await db.close();
  const reopened = await DatabaseUnderTest.open(dir);
  expect(reopened.notes.filter((note) => note.includes('torn'))).toHaveLength(torn > 0 ? 1 : 0);
  return reopened;
}

test('what is acknowledged reads back the same after restarts and kill -9, against a reference model', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
      let db = await DatabaseUnderTest.open(tempDir());
      const model = new Map<DocId, Record<string, unknown>>();
      try {
        for (const step of ops) {
          figures.operations += 1;
          if (step.t === 'restart') {
            await db.close();
            db = await DatabaseUnderTest.open(db.dir);
            figures.restarts += 1;
            checkAll(db, model, 'after a restart');
          } else if (step.t === 'crash') {
            db = await crash(db, step.torn);
            figures.crashes += 1;
            checkAll(db, model, 'after a simulated kill -9');
          } else {
            await apply(db, model, step);
          }
        }
        await db.close();
        db = await DatabaseUnderTest.open(db.dir);
        checkAll(db, model, 'after the final restart');
      } finally {
        await db.close();
      }
    }),
    { numRuns: MODEL_RUNS },
  );
  recordFigure('storeOperations', figures.operations);
  recordFigure('storeRestarts', figures.restarts + figures.crashes, `simulated kill -9 ${figures.crashes}`);
  recordFigure('documentsLost', figures.lost);
}, 60_000);
