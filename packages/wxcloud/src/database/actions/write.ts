/** insertDocument, modifyDocument (update, set, upsert, multi), modifyAndReturnDoc, removeDocument, addCollection. */
import type { z } from 'zod';
import { EmulatorError, check } from '../../host/errors';
import { toEjsonText } from '../../ejson';
import { storedId, type Doc } from '../ids';
import {
  applyUpdate,
  assertUpdateOperators,
  assertWritableDoc,
  changed,
  matchingDocs,
  replaceDoc,
  type Filter,
} from '../engine';
import { parseFilter, parseObject } from '../parse';
import type { addCollectionSchema, insertSchema, modifyAndReturnSchema, modifySchema, removeSchema } from '../schemas';
import { inSession, type Session } from '../session';
import { commitMutations, type DatabaseState } from '../state';
import { buildUpsertDoc } from '../upsert';

export function insertDocument(state: DatabaseState, params: z.infer<typeof insertSchema>): Record<string, unknown> {
  const now = state.now();
  const docs = params.data.map((text, index) => {
    const parsed = parseObject(text, now, `data[${index}]`);
    const doc = { _id: parsed._id === undefined ? state.newId() : parsed._id, ...parsed };
    assertWritableDoc(doc);
    return doc;
  });
  const insertedIds = inSession(state, params.collectionName, params.transactionId, (session) => {
    const seen = new Set<string | number>();
    for (const doc of docs) {
      const duplicate = seen.has(storedId(doc._id)) || session.view.get(params.collectionName, doc._id) !== undefined;
      check(
        !duplicate,
        'DATABASE_DUPLICATE_WRITE',
        `duplicate _id ${JSON.stringify(doc._id)} in collection ${params.collectionName}`,
      );
      seen.add(storedId(doc._id));
      session.put(params.collectionName, doc);
    }
    return docs.map((doc) => doc._id);
  });
  return { data: { insertedIds } };
}

interface ModifyPlan {
  filter: Filter;
  change: Filter;
  merge: boolean;
}

function planModify(
  state: DatabaseState,
  params: { query?: string; queryType?: string; data: string; merge?: boolean },
): ModifyPlan {
  const now = state.now();
  const filter = parseFilter(params.query, params.queryType, now);
  const change = parseObject(params.data, now, 'data');
  const merge = params.merge ?? true;
  if (merge) assertUpdateOperators(change);
  else if (Object.keys(change).some((key) => key.startsWith('$'))) {
    throw new EmulatorError('INVALID_PARAM', 'a replacement (set) must not contain update operators');
  }
  return { filter, change, merge };
}

function modifyOne(session: Session, collection: string, plan: ModifyPlan, doc: Doc): Doc | undefined {
  const next = plan.merge ? applyUpdate(doc, plan.change, plan.filter) : replaceDoc(doc, plan.change);
  if (!changed(doc, next)) return undefined;
  assertWritableDoc(next);
  session.put(collection, next);
  return next;
}

export function modifyDocument(state: DatabaseState, params: z.infer<typeof modifySchema>): Record<string, unknown> {
  const plan = planModify(state, params);
  const multi = params.multi ?? false;
  return inSession(state, params.collectionName, params.transactionId, (session) => {
    const matches = matchingDocs(session.view, params.collectionName, plan.filter, multi ? Infinity : 1);
    if (matches.length === 0 && params.upsert) {
      const doc = buildUpsertDoc(plan.filter, plan.change, plan.merge, state.newId);
      assertWritableDoc(doc);
      check(
        !session.view.get(params.collectionName, doc._id),
        'DATABASE_DUPLICATE_WRITE',
        `duplicate _id ${JSON.stringify(doc._id)}`,
      );
      session.put(params.collectionName, doc);
      return { data: { updated: 0, upsert_id: doc._id } };
    }
    let updated = 0;
    for (const doc of matches) if (modifyOne(session, params.collectionName, plan, doc)) updated += 1;
    return { data: { updated } };
  });
}

export function modifyAndReturnDoc(
  state: DatabaseState,
  params: z.infer<typeof modifyAndReturnSchema>,
): Record<string, unknown> {
  const plan = planModify(state, { ...params, merge: true });
  return inSession(state, params.collectionName, params.transactionId, (session) => {
    const [doc] = matchingDocs(session.view, params.collectionName, plan.filter, 1);
    if (!doc) return { data: { updated: 0, doc: null } };
    const next = modifyOne(session, params.collectionName, plan, doc);
    return { data: { updated: next ? 1 : 0, doc: toEjsonText(next ?? doc) } };
  });
}

export function removeDocument(state: DatabaseState, params: z.infer<typeof removeSchema>): Record<string, unknown> {
  const filter = parseFilter(params.query, params.queryType, state.now());
  const multi = params.multi ?? false;
  return inSession(state, params.collectionName, params.transactionId, (session) => {
    const matches = matchingDocs(session.view, params.collectionName, filter, multi ? Infinity : 1);
    for (const doc of matches) session.remove(params.collectionName, doc._id);
    return { data: { deleted: matches.length } };
  });
}

export function addCollection(
  state: DatabaseState,
  params: z.infer<typeof addCollectionSchema>,
): Record<string, unknown> {
  check(
    !state.store.hasCollection(params.collectionName),
    'DATABASE_COLLECTION_ALREADY_EXIST',
    `collection ${params.collectionName} already exists`,
  );
  commitMutations(state, [{ type: 'createCollection', collection: params.collectionName }]);
  return { data: {} };
}
