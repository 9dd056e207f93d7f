/**
 * Production limits and defaults of the cloud-function platform, in one place.
 * Values follow the WeChat Cloud / Tencent SCF documentation; each says where it comes from.
 */

/** config.json `timeout` when absent (seconds): the platform's default execution timeout. */
export const DEFAULT_TIMEOUT_SECONDS = 3;
/** Largest `timeout` a function may ask for in config.json (seconds). */
export const MAX_TIMEOUT_SECONDS = 900;
/** Time allowed to load index.js before the first call (the platform's separate init timeout). */
export const INIT_TIMEOUT_MS = 30_000;
/** Memory a WeChat cloud function gets by default (MB); also the instance's V8 heap limit (--max-old-space-size). */
export const DEFAULT_MEMORY_MB = 256;
/** Largest synchronous request event (SCF status 406 RequestTooLarge): 6 MB. */
export const MAX_EVENT_BYTES = 6 * 1024 * 1024;
/** Largest result of a synchronous call (SCF status 407 "The size of response exceeds the upper limit (6MB)"). */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
/** Longest console line kept from a function (emulator's choice; longer lines are cut with a note). */
export const MAX_LOG_LINE_BYTES = 64 * 1024;
/** Most console output kept for one invocation (emulator's choice); the rest is dropped with a note. */
export const MAX_INVOCATION_LOG_BYTES = 1024 * 1024;
/**
 * How often an instance measures its memory beyond the V8 heap (Buffers, typed arrays): the heap is
 * bounded by the instance's --max-old-space-size, the rest only by this check (SCF 434 MemoryLimitReached).
 */
export const MEMORY_CHECK_INTERVAL_MS = 20;
/** Largest body of a client call (`POST /functions/:name`): the event plus room for the caller's context. */
export const MAX_CLIENT_CALL_BYTES = MAX_EVENT_BYTES + 64 * 1024;
/** Instances one function may run at once in the emulator; calls beyond it wait in a queue. */
export const DEFAULT_MAX_INSTANCES = 10;
/** How long an idle (warm) instance is kept before it is retired. */
export const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60_000;
/** How many invocation records the in-memory log keeps. */
export const DEFAULT_LOG_CAPACITY = 500;
/** Characters of an invocation's event and result kept in its record (what the console shows). */
export const MAX_RECORDED_JSON_CHARS = 16 * 1024;
/** Environment id the functions see when none is configured (TCB_ENV / SCF_NAMESPACE). */
export const DEFAULT_ENV_ID = 'local-env';
