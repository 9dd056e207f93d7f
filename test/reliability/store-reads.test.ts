/**
 * Property test of the durable store (fast-check): any sequence of reads (finds with projections,
 * aggregation pipelines, counts) over random documents leaves the store, and its journal,
 * byte-identical. Writes, restarts and kill -9 against a reference model are in store-model.test.ts.
 */
import fc from 'fast-check';
import { recordFigure } from './helpers/figures';
import { DatabaseUnderTest, ejson } from './helpers/store-model';
import { docKey, leaf, useTempDirs, value } from './helpers/store-values';

const READ_RUNS = 100;
const tempDir = useTempDirs();
const figures = { reads: 0 };

const readPath = fc
  .array(fc.constantFrom('profile', 'phone', 'tags', 'k', 'x', 'constructor'), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('.'));
const stage: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(fc.constantFrom('$addFields', '$set'), fc.dictionary(readPath, value, { minKeys: 1, maxKeys: 2 })),
  fc.tuple(
    fc.constant('$project'),
    fc.dictionary(readPath, fc.constantFrom(0, 1, false, true, '$x'), { minKeys: 1, maxKeys: 2 }),
  ),
  fc.tuple(fc.constant('$unset'), readPath),
  fc.tuple(fc.constant('$unwind'), fc.constantFrom('$tags', '$profile', '$x')),
  fc.tuple(fc.constant('$replaceRoot'), fc.constant({ newRoot: '$profile' })),
  fc.tuple(fc.constant('$group'), fc.constant({ _id: '$x', all: { $push: '$$ROOT' }, first: { $first: '$profile' } })),
  fc.tuple(fc.constant('$lookup'), fc.constant({ from: 'things', localField: '_id', foreignField: '_id', as: 'self' })),
  fc.tuple(fc.constant('$sort'), fc.constant({ x: 1 })),
);
const read: fc.Arbitrary<[string, Record<string, unknown>]> = fc.oneof(
  fc
    .tuple(
      fc.dictionary(readPath, fc.constantFrom(0, 1, false, true), { maxKeys: 2 }),
      fc.option(fc.dictionary(readPath, leaf, { maxKeys: 1 })),
    )
    .map(([projection, where]): [string, Record<string, unknown>] => [
      'database.getDocument',
      { query: ejson(where ?? {}), projection: ejson(projection), limit: 100 },
    ]),
  fc
    .array(stage, { minLength: 1, maxLength: 4 })
    .map((stages): [string, Record<string, unknown>] => [
      'database.aggregateDocuments',
      { stages: stages.map(([stageKey, spec]) => ({ stageKey, stageValue: ejson(spec) })) },
    ]),
  fc
    .dictionary(readPath, leaf, { maxKeys: 1 })
    .map((where): [string, Record<string, unknown>] => ['database.calculateDocument', { query: ejson(where) }]),
);
const storedDoc = fc.record(
  {
    profile: fc.dictionary(docKey, value, { maxKeys: 3 }),
    tags: fc.array(fc.dictionary(docKey, value, { maxKeys: 2 }), { maxLength: 3 }),
    x: leaf,
  },
  { requiredKeys: [] },
);

test('any sequence of reads leaves the store and its journal byte-identical', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(storedDoc, { minLength: 1, maxLength: 4 }),
      fc.array(read, { minLength: 1, maxLength: 8 }),
      async (docs, reads) => {
        const db = await DatabaseUnderTest.open(tempDir());
        try {
          const data = docs
            .map((doc, index) => ejson({ _id: `r${index}`, ...doc }))
            .filter((text) => !text.includes('\\u0000'));
          if (data.length > 0) await db.call('database.insertDocument', { data });
          const stored = () => [...db.store.scan('things')].map((doc) => ejson(doc)).join('\n');
          const before = { docs: stored(), journal: db.journalBytes() };
          for (const [action, params] of reads) {
            await db.call(action, params);
            figures.reads += 1;
            expect(stored()).toBe(before.docs);
            expect(db.journalBytes().equals(before.journal)).toBe(true);
          }
        } finally {
          await db.close();
        }
      },
    ),
    { numRuns: READ_RUNS },
  );
  recordFigure('storeReadsChecked', figures.reads);
}, 60_000);
