/**
 * aggregateDocuments: the SDK sends stages as `{stageKey: '$match', stageValue: '<EJSON>'}`;
 * mingo runs the pipeline. `$lookup` reads other collections from the store. `$geoNear` must be
 * the first stage, as in MongoDB, and runs before the rest of the pipeline.
 */
import type { z } from 'zod';
import { EmulatorError } from '../../host/errors';
import { cloneValue, isPlainObject, parseEjson } from '../../ejson';
import { withMingo } from '../engine';
import { mingoOptions, runPipeline } from '../mingo/context';
import { geoNearStage } from '../mingo/geo';
import type { aggregateSchema } from '../schemas';
import { inSession } from '../session';
import type { DatabaseState } from '../state';
import { toResultList } from './read';

export function aggregateDocuments(
  state: DatabaseState,
  params: z.infer<typeof aggregateSchema>,
): Record<string, unknown> {
  const now = state.now();
  const pipeline = params.stages.map(({ stageKey, stageValue }, index) => {
    if (stageKey === '$geoNear' && index > 0) {
      throw new EmulatorError('DATABASE_REQUEST_FAILED', '$geoNear is only valid as the first stage in a pipeline');
    }
    return { [stageKey]: parseEjson(stageValue, now, `stages[${index}].stageValue`) };
  });
  const geoNear = pipeline[0]?.$geoNear;
  const rest = geoNear === undefined ? pipeline : pipeline.slice(1);
  const results = inSession(state, params.collectionName, undefined, (session) =>
    withMingo(() => {
      // Stored documents are frozen and shared: stages work on copies.
      const resolver = (name: string) => [...session.view.scan(name)].map(cloneValue);
      let docs: Record<string, unknown>[] = resolver(params.collectionName);
      if (geoNear !== undefined) {
        if (!isPlainObject(geoNear)) throw new EmulatorError('INVALID_PARAM', '$geoNear needs an object');
        docs = geoNearStage(docs, geoNear, mingoOptions(resolver));
      }
      return runPipeline(docs, rest, resolver) as Record<string, unknown>[];
    }),
  );
  return { data: { list: toResultList(results) } };
}
