/**
 * aggregateDocuments: the SDK sends stages as `{stageKey: '$match', stageValue: '<EJSON>'}`;
 * mingo runs the pipeline. `$lookup` reads other collections from the store. Geo stages are
 * refused with a clear message.
 */
import { Aggregator, ProcessingMode } from 'mingo';
import { cloneValue, parseEjson } from '../../ejson';
import type { z } from 'zod';
import { EmulatorError } from '../../host/errors';
import { withMingo } from '../engine';
import type { aggregateSchema } from '../schemas';
import { inSession } from '../session';
import type { DatabaseState } from '../state';
import { toResultList } from './read';

const UNSUPPORTED_STAGES = new Set(['$geoNear']);

export function aggregateDocuments(state: DatabaseState, params: z.infer<typeof aggregateSchema>): Record<string, unknown> {
  const now = state.now();
  const pipeline = params.stages.map(({ stageKey, stageValue }, index) => {
    if (UNSUPPORTED_STAGES.has(stageKey)) {
      throw new EmulatorError('DATABASE_REQUEST_FAILED', `aggregation stage ${stageKey} is not supported by the emulator`);
    }
    return { [stageKey]: parseEjson(stageValue, now, `stages[${index}].stageValue`) };
  });
  const results = inSession(state, params.collectionName, undefined, (session) =>
    withMingo(() => {
      // Stored documents are frozen and shared: stages work on copies.
      const aggregator = new Aggregator(pipeline, {
        collectionResolver: (name: string) => [...session.view.scan(name)].map(cloneValue),
        processingMode: ProcessingMode.CLONE_INPUT,
      });
      return aggregator.run([...session.view.scan(params.collectionName)]) as Record<string, unknown>[];
    }),
  );
  return { data: { list: toResultList(results) } };
}
