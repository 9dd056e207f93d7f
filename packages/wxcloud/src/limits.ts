/**
 * Production limits of CloudBase's document database, as named constants in one place.
 * Where the service's exact figure is not documented, the value is MongoDB's (the service is
 * built on it) and the comment says so.
 */

/** getDocument returns 100 documents when no limit is given (server SDK, documented). */
export const DEFAULT_QUERY_LIMIT = 100;
/**
 * Most documents one query returns: the server SDK clamps `limit` to 1000 and the service answers a larger one with
 * 1000.
 */
export const MAX_QUERY_LIMIT = 1000;
/** Largest document, measured as BSON (MongoDB's limit). */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
/** Largest total size of the documents returned by one query (emulator's choice: MongoDB's reply size). */
export const MAX_RESULT_BYTES = 16 * 1024 * 1024;
/** Largest request body the emulator accepts (emulator's choice; larger bodies get HTTP 413). */
export const MAX_REQUEST_BODY_BYTES = 32 * 1024 * 1024;
/**
 * Largest number of documents one insertDocument may carry (emulator's choice; the service accepts 1000 and more, the
 * body size limit binds first).
 */
export const MAX_INSERT_BATCH = 50_000;
/** A transaction not committed or aborted within this time is gone (the service's 30 seconds). */
export const TRANSACTION_LIFETIME_MS = 30_000;
/** Deepest nesting of a query, update or document the emulator parses. */
export const MAX_NESTING_DEPTH = 100;
/** Longest collection name (emulator's choice, MongoDB namespaces allow about this). */
export const MAX_COLLECTION_NAME_LENGTH = 120;
/** The durable store compacts its journal on open once it is larger than this and mostly garbage. */
export const JOURNAL_COMPACT_MIN_BYTES = 8 * 1024 * 1024;
/** Most transactions open at once (emulator's choice); one more is refused with EXCEED_CONCURRENT_REQUEST_LIMIT. */
export const MAX_OPEN_TRANSACTIONS = 1000;
/** Longest a database request's evaluation may run before it is stopped with SERVER_TIMEOUT (emulator's choice). */
export const QUERY_TIME_BUDGET_MS = 5000;
/**
 * Most elements one `$range` may build (emulator's choice, in the spirit of MongoDB's 100 MB expression memory limit).
 */
export const MAX_RANGE_ELEMENTS = 5_000_000;
