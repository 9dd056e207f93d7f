/**
 * The console's database routes: collections with their security rules, a paged query, add /
 * replace / delete a document, import and export. Reads and edits of documents go through the
 * database's own `/admin` actions (stats and faults apply, as for the SDK); import and export use
 * the database's import-export module, the same formats as the CLI.
 */
import path from 'node:path';
import { EJSON, ObjectId } from 'bson';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ClientDatabaseService } from '../client-database/service';
import { CLIENT_DATABASE_SERVICE } from '../client-database/service';
import { exportCollectionText, importFiles } from '../database/import-export';
import { readImportText } from '../database/import-text';
import { collectionName, newCollectionName } from '../database/schemas';
import { DATABASE_SERVICE, type DatabaseService } from '../database/service';
import { toEjsonText } from '../ejson';
import type { Host } from '../host/service';
import { EmulatorError } from '../host/errors';
import { MAX_QUERY_LIMIT, MAX_REQUEST_BODY_BYTES } from '../limits';
import type * as Api from './api-types';
import { adminData, ConsoleApiError, invalidArgument } from './errors';
import { jsonBody, jsonGet } from './routes';
import { documentView } from './views';

const docId = z.union([
  z.string().min(1),
  z.number(),
  z.strictObject({ $oid: z.string().regex(/^[0-9a-f]{24}$/i, 'an ObjectId is 24 hexadecimal digits') }),
]);
/** The `_id` to send to the database: `{ $oid }` as the ObjectId it names. */
const storedDocId = (id: Api.ConsoleDocId) => (typeof id === 'object' ? ObjectId.createFromHexString(id.$oid) : id);
const QuerySchema: z.ZodType<Api.QueryRequest> = z.object({
  collection: collectionName,
  filter: z.string().optional(),
  order: z.string().optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(MAX_QUERY_LIMIT).optional(),
});
const SaveSchema: z.ZodType<Api.SaveDocumentRequest> = z.object({
  collection: collectionName,
  id: docId.optional(),
  document: z.string().min(2),
});
const DeleteSchema: z.ZodType<Api.DeleteDocumentRequest> = z.object({ collection: collectionName, id: docId });
const CreateSchema: z.ZodType<Api.CreateCollectionRequest> = z.object({ name: newCollectionName });
const ImportSchema: z.ZodType<Api.ImportRequest> = z.object({
  files: z.array(z.object({ name: z.string().min(1), text: z.string() })).min(1),
});

export const DEFAULT_PAGE_SIZE = 20;

export function databaseApi(host: Host): Hono {
  const api = new Hono();
  const database = () => requireService<DatabaseService>(host, DATABASE_SERVICE);
  api.get(
    '/database/collections',
    jsonGet((): Api.CollectionsResponse => collections(host, database())),
  );
  jsonBody(api, 'post', '/database/collections', CreateSchema, async (body) => {
    await adminData(host, { action: 'database.addCollection', collectionName: body.name });
    return { name: body.name };
  });
  jsonBody(api, 'post', '/database/query', QuerySchema, (body) => query(host, body));
  jsonBody(api, 'post', '/database/documents', SaveSchema, (body) =>
    body.id === undefined ? insert(host, body) : replace(host, body, body.id),
  );
  jsonBody(api, 'post', '/database/documents/delete', DeleteSchema, async (body) => {
    const data = await adminData<{ deleted: number }>(host, {
      action: 'database.removeDocument',
      collectionName: body.collection,
      queryType: 'DOC',
      query: toEjsonText({ _id: storedDocId(body.id) }),
    });
    if (data.deleted === 0)
      throw new ConsoleApiError('NOT_FOUND', `no document ${JSON.stringify(body.id)} in ${body.collection}`);
    return { deleted: data.deleted };
  });
  jsonBody(
    api,
    'post',
    '/database/import',
    ImportSchema,
    (body): Api.ImportResponse => {
      try {
        return { counts: importFiles(database().state, body.files) };
      } catch (error) {
        if (error instanceof EmulatorError) throw new ConsoleApiError('REJECTED', error.message, error.code);
        throw error;
      }
    },
    MAX_REQUEST_BODY_BYTES,
  );
  api.get('/database/export/:collection', (c) => {
    const name = c.req.param('collection');
    const state = database().state;
    if (!collectionName.safeParse(name).success || !state.store.hasCollection(name)) {
      return c.json({ error: { code: 'NOT_FOUND', message: `no collection ${name}` } satisfies Api.ConsoleError }, 404);
    }
    c.header('content-disposition', `attachment; filename="${name}.json"`);
    return c.body(exportCollectionText(state, name), 200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
  });
  return api;
}

export function requireService<S>(host: Host, name: string): S {
  const service = host.service(name);
  if (!service) throw new ConsoleApiError('NOT_FOUND', `the emulator runs no ${name} service`);
  return service as S;
}

function collections(host: Host, database: DatabaseService): Api.CollectionsResponse {
  let rules = new Map<string, { file: string; source: { read: boolean | string; write: boolean | string } }>();
  try {
    rules = host.service<ClientDatabaseService>(CLIENT_DATABASE_SERVICE)?.rules() ?? rules;
  } catch (error) {
    console.error('[console] the security rules could not be read:', (error as Error).message);
  }
  const store = database.state.store;
  return {
    collections: store
      .collectionNames()
      .sort()
      .map((name) => {
        const rule = rules.get(name);
        return { name, count: store.count(name), rules: rule ? { ...rule.source, file: shortPath(rule.file) } : null };
      }),
  };
}

/** A path below the working directory relative to it (what a developer recognises), else as it is. */
function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

async function query(host: Host, body: Api.QueryRequest): Promise<Api.QueryResponse> {
  const filter = body.filter?.trim() || '{}';
  const base = { collectionName: body.collection, query: filter, queryType: 'WHERE' };
  const offset = body.offset ?? 0;
  const limit = body.limit ?? DEFAULT_PAGE_SIZE;
  const order = body.order?.trim() ? { order: body.order.trim() } : {};
  const page = await adminData<{ list: string[] }>(host, {
    action: 'database.getDocument',
    ...base,
    ...order,
    offset,
    limit,
  });
  const count = await adminData<{ total: number }>(host, { action: 'database.calculateDocument', ...base });
  return { documents: page.list.map(documentView), total: count.total, offset, limit };
}

/**
 * The edited text as an object in canonical EJSON, `_id` apart. Checked first as an import is
 * (import-text.ts): one object, keys the service accepts, no integer a double would round.
 */
function parseDocument(text: string): { id: unknown; rest: Record<string, unknown> } {
  let value: unknown;
  try {
    if (readImportText(text, 'document').length !== 1) throw invalidArgument('the document must be one JSON object');
  } catch (error) {
    if (error instanceof EmulatorError)
      throw invalidArgument(`the document is not valid JSON / EJSON: ${error.message}`);
    throw error;
  }
  try {
    value = EJSON.parse(text, { relaxed: false });
  } catch (error) {
    throw invalidArgument(`the document is not valid JSON / EJSON: ${(error as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalidArgument('the document must be a JSON object');
  const { _id: id, ...rest } = value as Record<string, unknown>;
  return { id, rest };
}

async function insert(host: Host, body: Api.SaveDocumentRequest): Promise<Api.SaveDocumentResponse> {
  const { id, rest } = parseDocument(body.document);
  const doc = id === undefined ? rest : { _id: id, ...rest };
  const data = await adminData<{ insertedIds: Array<string | number> }>(host, {
    action: 'database.insertDocument',
    collectionName: body.collection,
    data: [toEjsonText(doc)],
  });
  return { id: data.insertedIds[0] as string | number };
}

async function replace(
  host: Host,
  body: Api.SaveDocumentRequest,
  given: Api.ConsoleDocId,
): Promise<Api.SaveDocumentResponse> {
  const { id, rest } = parseDocument(body.document);
  const target = storedDocId(given);
  if (id !== undefined && toEjsonText(id) !== toEjsonText(target))
    throw invalidArgument(
      `_id cannot change (${JSON.stringify(target)} -> ${JSON.stringify(id)}); add a new document instead`,
    );
  const where = { collectionName: body.collection, queryType: 'DOC', query: toEjsonText({ _id: target }) };
  const data = await adminData<{ updated: number }>(host, {
    action: 'database.modifyDocument',
    ...where,
    data: toEjsonText(rest),
    merge: false,
  });
  if (data.updated === 0) {
    const found = await adminData<{ list: string[] }>(host, { action: 'database.getDocument', ...where, limit: 1 });
    if (found.list.length === 0)
      throw new ConsoleApiError('NOT_FOUND', `no document ${JSON.stringify(target)} in ${body.collection}`);
  }
  return { id: given };
}
