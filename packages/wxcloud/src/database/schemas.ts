/**
 * zod schemas of the database actions' parameters, as the SDK sends them (see the captured
 * envelopes in the README fragment). Unknown keys (envName, wxCloudApiToken...) are ignored.
 */
import { z } from 'zod';
import { MAX_COLLECTION_NAME_LENGTH, MAX_INSERT_BATCH } from '../limits';

export const collectionName = z
  .string()
  .min(1)
  .max(MAX_COLLECTION_NAME_LENGTH)
  .refine((name) => !/[$/\\\u0000]/.test(name), 'collection name must not contain "$", "/", "\\" or NUL');

const ejsonText = z.string();
const transactionId = z.string().min(1).optional();
const queryType = z.enum(['WHERE', 'DOC']).optional();
const docId = z.union([z.string().min(1), z.number()]);

export const insertSchema = z.object({
  collectionName,
  data: z.array(ejsonText).min(1).max(MAX_INSERT_BATCH),
  transactionId,
});

export const getSchema = z.object({
  collectionName,
  query: ejsonText.optional(),
  queryType,
  order: ejsonText.optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).optional(),
  projection: ejsonText.optional(),
  multi: z.boolean().optional(),
  transactionId,
});

export const countSchema = z.object({ collectionName, query: ejsonText.optional(), queryType, transactionId });

export const modifySchema = z.object({
  collectionName,
  query: ejsonText.optional(),
  queryType,
  data: ejsonText,
  multi: z.boolean().optional(),
  merge: z.boolean().optional(),
  upsert: z.boolean().optional(),
  transactionId,
});

export const modifyAndReturnSchema = z.object({
  collectionName,
  query: ejsonText.optional(),
  queryType,
  data: ejsonText,
  transactionId,
});

export const removeSchema = z.object({
  collectionName,
  query: ejsonText.optional(),
  queryType,
  multi: z.boolean().optional(),
  transactionId,
});

/**
 * A name the service accepts for a new collection: a letter or digit, then 1-32 letters, digits,
 * `-` or `_` (the rule of @cloudbase/database's `Validate.isCollName`, "集合名称不合法" otherwise).
 */
export const NEW_COLLECTION_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{1,32}$/;
export const newCollectionName = z
  .string()
  .regex(
    NEW_COLLECTION_NAME,
    '集合名称不合法：以字母或数字开头，2-33 个字母、数字、- 或 _ / ' +
      'invalid collection name: a letter or digit, then 1-32 letters, digits, "-" or "_"',
  );

export const addCollectionSchema = z.object({ collectionName: newCollectionName });

export const aggregateSchema = z.object({
  collectionName,
  stages: z.array(z.object({ stageKey: z.string().regex(/^\$[A-Za-z]+$/), stageValue: ejsonText })).max(100),
});

export const startTransactionSchema = z.object({});
export const endTransactionSchema = z.object({ transactionId: z.string().min(1) });
/** The document by `_id`, or (tcb-admin-node, wx-server-sdk 0.8–2.0) by `query: { _id: { $eq } }`. */
const inTransaction = {
  collectionName,
  transactionId: z.string().min(1),
  _id: docId.optional(),
  query: z.object({ _id: z.union([docId, z.object({ $eq: docId })]) }).optional(),
};
type InTransaction = {
  _id?: z.infer<typeof docId>;
  query?: { _id: z.infer<typeof docId> | { $eq: z.infer<typeof docId> } };
};
const namedDocument = <T extends InTransaction>(params: T) => {
  const fromQuery = params.query?._id;
  const id = params._id ?? (typeof fromQuery === 'object' ? fromQuery.$eq : fromQuery);
  return { ...params, _id: id as z.infer<typeof docId> };
};
const hasDocument = (params: InTransaction) => params._id !== undefined || params.query !== undefined;
export const docInTransactionSchema = z
  .object(inTransaction)
  .refine(hasDocument, '_id (or query._id) is required')
  .transform(namedDocument);
export const updateInTransactionSchema = z
  .object({ ...inTransaction, data: ejsonText, upsert: z.boolean().optional() })
  .refine(hasDocument, '_id (or query._id) is required')
  .transform(namedDocument);
export const insertInTransactionSchema = z.object({
  collectionName,
  transactionId: z.string().min(1),
  data: ejsonText,
  _id: docId.optional(),
});

/** tcb-admin-node's actions (wx-server-sdk 0.8–2.0): plain JSON values instead of EJSON texts. */
const jsonObject = z.record(z.string(), z.unknown());
export const legacyAddSchema = z.object({ collectionName, data: jsonObject, _id: docId.optional() });
export const legacyQuerySchema = z.object({
  collectionName,
  query: jsonObject.optional(),
  queryType,
  order: z.array(z.object({ field: z.string(), direction: z.string() })).optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).optional(),
  projection: jsonObject.optional(),
});
export const legacyUpdateSchema = z.object({
  collectionName,
  query: jsonObject.optional(),
  queryType,
  data: jsonObject,
  multi: z.boolean().optional(),
  merge: z.boolean().optional(),
  upsert: z.boolean().optional(),
});
export const legacyRemoveSchema = z.object({
  collectionName,
  query: jsonObject.optional(),
  queryType,
  multi: z.boolean().optional(),
});
export const legacyCountSchema = z.object({ collectionName, query: jsonObject.optional(), queryType });
