/**
 * The database's action table: production action name -> schema + handler bound to the state.
 * Every handler runs synchronously (so each request is atomic), then waits for the store to make
 * the request's writes durable before the response is sent.
 */
import type { z } from 'zod';
import type { ActionTable } from '../host/actions';
import { aggregateDocuments, legacyAggregate } from './actions/aggregate';
import {
  legacyAddDocument,
  legacyCountDocument,
  legacyDeleteDocument,
  legacyQueryDocument,
  legacyUpdateDocument,
} from './actions/legacy';
import { calculateDocument, getDocument } from './actions/read';
import {
  abortTransactionAction,
  commitTransactionAction,
  deleteDocInTransaction,
  getInTransaction,
  insertDocInTransaction,
  startTransactionAction,
  updateDocInTransaction,
} from './actions/transaction';
import { addCollection, insertDocument, modifyAndReturnDoc, modifyDocument, removeDocument } from './actions/write';
import * as schemas from './schemas';
import type { DatabaseState } from './state';

type Handler<S extends z.ZodType> = (state: DatabaseState, params: z.infer<S>) => Record<string, unknown>;

export function createDatabaseActions(state: DatabaseState): ActionTable {
  const bind = <S extends z.ZodType>(schema: S, handler: Handler<S>) => ({
    schema,
    handle: async (params: z.infer<S>) => {
      const result = handler(state, params);
      await state.store.flush();
      return result;
    },
  });
  return {
    'database.insertDocument': bind(schemas.insertSchema, insertDocument),
    'database.getDocument': bind(schemas.getSchema, getDocument),
    'database.calculateDocument': bind(schemas.countSchema, calculateDocument),
    'database.modifyDocument': bind(schemas.modifySchema, modifyDocument),
    'database.modifyAndReturnDoc': bind(schemas.modifyAndReturnSchema, modifyAndReturnDoc),
    'database.removeDocument': bind(schemas.removeSchema, removeDocument),
    'database.addCollection': bind(schemas.addCollectionSchema, addCollection),
    'database.aggregateDocuments': bind(schemas.aggregateSchema, aggregateDocuments),
    'database.aggregate': bind(schemas.aggregateSchema, legacyAggregate),
    'database.startTransaction': bind(schemas.startTransactionSchema, startTransactionAction),
    'database.commitTransaction': bind(schemas.endTransactionSchema, commitTransactionAction),
    'database.abortTransaction': bind(schemas.endTransactionSchema, abortTransactionAction),
    'database.getInTransaction': bind(schemas.docInTransactionSchema, getInTransaction),
    'database.updateDocInTransaction': bind(schemas.updateInTransactionSchema, updateDocInTransaction),
    'database.deleteDocInTransaction': bind(schemas.docInTransactionSchema, deleteDocInTransaction),
    'database.insertDocInTransaction': bind(schemas.insertInTransactionSchema, insertDocInTransaction),
    // tcb-admin-node's (wx-server-sdk 0.8–2.0), reaching the local cloud through functions/legacy-hosts.ts.
    'database.addDocument': bind(schemas.legacyAddSchema, legacyAddDocument),
    'database.queryDocument': bind(schemas.legacyQuerySchema, legacyQueryDocument),
    'database.updateDocument': bind(schemas.legacyUpdateSchema, legacyUpdateDocument),
    'database.deleteDocument': bind(schemas.legacyRemoveSchema, legacyDeleteDocument),
    'database.countDocument': bind(schemas.legacyCountSchema, legacyCountDocument),
  };
}

export { createDatabaseState, type DatabaseState } from './state';
export type { ActionContext, ActionDefinition, ActionTable } from '../host/actions';
