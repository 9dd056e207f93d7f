/**
 * The database actions of tcb-admin-node (wx-server-sdk 0.8–2.0, its @cloudbase/database 0.9):
 * addDocument, queryDocument, updateDocument, deleteDocument, countDocument. They carry plain JSON
 * rather than EJSON texts: a date is `{ $date: <ms> }`, db.serverDate() is `{ $date: { offset } }`,
 * and documents come back the same way (the SDK's formatField turns `$date` back into a Date).
 * Each is the current action it names, with its values converted on the way in and out.
 */
import type { z } from 'zod';
import { isPlainObject, parseEjson } from '../../ejson';
import { isObjectId } from '../ids';
import type {
  legacyAddSchema,
  legacyCountSchema,
  legacyQuerySchema,
  legacyRemoveSchema,
  legacyUpdateSchema,
} from '../schemas';
import type { DatabaseState } from '../state';
import { calculateDocument, getDocument } from './read';
import { insertDocument, modifyDocument, removeDocument } from './write';

type Data = { data: Record<string, unknown> };

/** A legacy JSON value as an EJSON text the current actions read (server dates become `$tcb_server_date`). */
function ejson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    isPlainObject(item) && isPlainObject(item.$date) && Object.keys(item).length === 1
      ? { $tcb_server_date: { offset: Number(item.$date.offset ?? 0) } }
      : item,
  );
}

/** A stored document as tcb-admin-node reads it. */
function legacyJson(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.getTime() };
  if (isObjectId(value)) return value.toHexString();
  if (Array.isArray(value)) return value.map(legacyJson);
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, legacyJson(item)]));
  return value;
}

export function legacyAddDocument(
  state: DatabaseState,
  params: z.infer<typeof legacyAddSchema>,
): Record<string, unknown> {
  const doc = params._id === undefined ? params.data : { ...params.data, _id: params._id };
  const { data } = insertDocument(state, { collectionName: params.collectionName, data: [ejson(doc)] }) as Data;
  return { data: { _id: (data.insertedIds as unknown[])[0] } };
}

export function legacyQueryDocument(
  state: DatabaseState,
  params: z.infer<typeof legacyQuerySchema>,
): Record<string, unknown> {
  const { data } = getDocument(state, {
    collectionName: params.collectionName,
    query: params.query === undefined ? undefined : ejson(params.query),
    queryType: params.queryType,
    order: params.order === undefined ? undefined : ejson(params.order),
    offset: params.offset,
    limit: params.limit,
    projection: params.projection === undefined ? undefined : ejson(params.projection),
  }) as Data;
  const list = (data.list as string[]).map((text) => legacyJson(parseEjson(text, state.now())));
  return { data: { list, offset: data.offset, limit: data.limit } };
}

export function legacyUpdateDocument(
  state: DatabaseState,
  params: z.infer<typeof legacyUpdateSchema>,
): Record<string, unknown> {
  const { data } = modifyDocument(state, {
    ...params,
    query: params.query === undefined ? undefined : ejson(params.query),
    data: ejson(params.data),
  }) as Data;
  return { data: { updated: data.updated, upserted_id: data.upsert_id } };
}

export function legacyDeleteDocument(
  state: DatabaseState,
  params: z.infer<typeof legacyRemoveSchema>,
): Record<string, unknown> {
  return removeDocument(state, { ...params, query: params.query === undefined ? undefined : ejson(params.query) });
}

export function legacyCountDocument(
  state: DatabaseState,
  params: z.infer<typeof legacyCountSchema>,
): Record<string, unknown> {
  return calculateDocument(state, { ...params, query: params.query === undefined ? undefined : ejson(params.query) });
}
