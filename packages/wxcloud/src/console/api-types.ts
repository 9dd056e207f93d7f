/**
 * The console's API, typed once for both sides: the server (routes.ts, app-api.ts, database-api.ts)
 * answers with these shapes and the page (client/) reads them. Plain data only (no Node or DOM types), so
 * both compile it. Every route lives under `/console/api/`; errors answer `{ error: ConsoleError }` with a 4xx/5xx.
 */
import type { Bilingual } from './panel-api-types';

export const CONSOLE_ERROR_CODES = {
  INVALID_ARGUMENT: 400,
  /** The request did not come from the console's own page (a file served from a temporary URL, another site). */
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  /** The database (or another service) refused the request: its code and message are kept. */
  REJECTED: 422,
  /** A service is stopping or dropped the request (an injected fault): try again. */
  UNAVAILABLE: 503,
  /** A bug: the details are in the emulator's log. */
  INTERNAL: 500,
} as const;
export type ConsoleErrorCode = keyof typeof CONSOLE_ERROR_CODES;

export interface ConsoleError {
  code: ConsoleErrorCode;
  message: string;
  /** The service's own code when it refused (e.g. INVALID_PARAM, DATABASE_DUPLICATE_WRITE). */
  serviceCode?: string;
}

/** A tab of the page: built in (its own client code) or contributed by a service (generic content). */
export interface PanelSummary {
  id: string;
  title: Bilingual;
  builtIn: boolean;
}

// ---- overview: GET overview
export interface OverviewResponse {
  envId: string;
  baseUrl: string;
  services: string[];
  panels: PanelSummary[];
}

// ---- database
export interface CollectionRulesView {
  read: boolean | string;
  write: boolean | string;
  file: string;
}

export interface CollectionView {
  name: string;
  count: number;
  /** The collection's security rules for clients, or null: no rules file, closed to clients. */
  rules: CollectionRulesView | null;
}

/** GET database/collections */
export interface CollectionsResponse {
  collections: CollectionView[];
}

/** POST database/collections */
export interface CreateCollectionRequest {
  name: string;
}

/** POST database/query: filter and order are EJSON texts (`{"_id": "a"}`, `{"createdAt": -1}`). */
export interface QueryRequest {
  collection: string;
  filter?: string;
  order?: string;
  offset?: number;
  limit?: number;
}

/** A document as relaxed EJSON: dates are `{ "$date": "…" }`, ObjectIds `{ "$oid": "…" }`. */
/** A document's `_id` as the console passes it around: an ObjectId as EJSON `{ $oid }`. */
export type ConsoleDocId = string | number | { $oid: string };

export interface DocumentView {
  id: ConsoleDocId;
  ejson: unknown;
}

export interface QueryResponse {
  documents: DocumentView[];
  /** Documents matching the filter. */
  total: number;
  offset: number;
  limit: number;
}

/** POST database/documents (insert) and PUT (replace by `id`): the document as EJSON text. */
export interface SaveDocumentRequest {
  collection: string;
  /** Absent to insert; the `_id` of the document to replace. */
  id?: ConsoleDocId;
  document: string;
}

export interface SaveDocumentResponse {
  id: ConsoleDocId;
}

/** POST database/documents/delete */
export interface DeleteDocumentRequest {
  collection: string;
  id: ConsoleDocId;
}

/** POST database/import: `<collection>.json` files as the CLI reads them (JSON Lines or an array). */
export interface ImportRequest {
  files: Array<{ name: string; text: string }>;
}

export interface ImportResponse {
  /** Documents imported per collection. */
  counts: Record<string, number>;
}
// GET database/export/:collection answers `<collection>.json` in JSON Lines, as the CLI writes it.

// ---- functions
export interface CallerView {
  /** Masked the way the mini-program masks it. */
  openid: string | null;
  unionid: string | null;
  appid: string | null;
  /** TCB_SOURCE: wx_client, scf, or null from the console / CLI. */
  source: string | null;
}

export interface InvocationView {
  requestId: string;
  functionName: string;
  startedAt: number;
  durationMs: number;
  /** null when no instance ran. */
  coldStart: boolean | null;
  /** 0 on success, else the platform's code. */
  resultCode: number;
  caller: CallerView;
  /** JSON texts (the caller's ids masked), possibly shortened. */
  event: string | null;
  result: string | null;
  error: string | null;
  logs: Array<{ level: string; text: string; at: number }>;
}

export interface FunctionView {
  name: string;
  timeoutSeconds: number;
  instances: Array<{ instanceId: string; state: string }>;
  /** Its timer trigger (config.json / cloudbaserc.json): cron in UTC+8, next firing in ISO UTC. */
  timer?: { name: string; cron: string; nextAt: string | null };
}

/** POST functions/:name/trigger: fire the function's timer trigger now. */
export interface FireTriggerRequest {
  trigger?: string;
}

export interface FireTriggerResponse {
  requestId: string;
  ok: boolean;
}

/** GET functions */
export interface FunctionsResponse {
  functions: FunctionView[];
  /** Newest first. */
  invocations: InvocationView[];
}

// ---- phones: phone-api-types.ts
export * from './phone-api-types';

// ---- users
export interface UserRow {
  /** Masked. */
  openid: string;
  unionid: string | null;
  appid: string | null;
  createdAt: string | null;
  lastLoginAt: string | null;
  loginCount: number | null;
  /** Other profile fields (nickname, avatar …) as text, once they exist. */
  profile: Record<string, string>;
}

export interface UsersResponse {
  users: UserRow[];
  total: number;
}

// ---- panels contributed by services: panel-api-types.ts
export * from './panel-api-types';

// ---- live updates: GET events (Server-Sent Events)
export type ConsoleEvent = { type: 'invocation'; invocation: InvocationView } | { type: 'phones' } | { type: 'reset' };

/** `/console/api/<path>` */
export function apiPath(path: string): string {
  return `/console/api/${path}`;
}
