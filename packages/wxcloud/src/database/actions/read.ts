/** getDocument and calculateDocument: queries by `_id` or by filter, with the service's limits. */
import type { z } from 'zod';
import { EmulatorError } from '../../host/errors';
import { toEjsonText } from '../../ejson';
import { DEFAULT_QUERY_LIMIT, MAX_QUERY_LIMIT, MAX_RESULT_BYTES } from '../../limits';
import { findDocs, matchingDocs } from '../engine';
import { parseFilter, parseObject, parseSort } from '../parse';
import type { countSchema, getSchema } from '../schemas';
import { inSession } from '../session';
import type { DatabaseState } from '../state';

/** Serialises result documents, enforcing the result size limit. */
export function toResultList(docs: readonly Record<string, unknown>[]): string[] {
  let bytes = 0;
  return docs.map((doc) => {
    const text = toEjsonText(doc);
    bytes += Buffer.byteLength(text);
    if (bytes > MAX_RESULT_BYTES) {
      throw new EmulatorError(
        'DATABASE_REQUEST_FAILED',
        `query result exceeds ${MAX_RESULT_BYTES} bytes; use a smaller limit or a projection`,
      );
    }
    return text;
  });
}

export function getDocument(state: DatabaseState, params: z.infer<typeof getSchema>): Record<string, unknown> {
  const now = state.now();
  const filter = parseFilter(params.query, params.queryType, now);
  // The service answers a limit above 1000 with 1000 documents, not an error.
  const limit = Math.min(params.limit ?? DEFAULT_QUERY_LIMIT, MAX_QUERY_LIMIT);
  const offset = params.offset ?? 0;
  const projection = params.projection ? parseObject(params.projection, now, 'projection') : undefined;
  const sort = parseSort(params.order, now);
  const docs = inSession(state, params.collectionName, params.transactionId, (session) =>
    findDocs(session.view, params.collectionName, filter, { sort, skip: offset, limit, projection }),
  );
  return { data: { list: toResultList(docs), limit, offset } };
}

export function calculateDocument(state: DatabaseState, params: z.infer<typeof countSchema>): Record<string, unknown> {
  const filter = parseFilter(params.query, params.queryType, state.now());
  const total = inSession(state, params.collectionName, params.transactionId, (session) =>
    Object.keys(filter).length === 0 && !params.transactionId
      ? state.store.count(params.collectionName)
      : matchingDocs(session.view, params.collectionName, filter).length,
  );
  return { data: { total } };
}
