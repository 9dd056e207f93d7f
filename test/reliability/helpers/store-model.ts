/**
 * The pieces of the store's model-based property test: a database opened on a data directory and
 * driven through its real action table with the EJSON the SDK sends; the reference model (a Map of
 * plain documents with a few lines of update semantics); and a canonical text of documents that
 * ignores key order, to compare the two.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EJSON } from 'bson';
import {
  createDatabaseActions,
  createDatabaseState,
  type ActionTable,
} from '../../../packages/wxcloud/src/database/action-table';
import { EmulatorError } from '../../../packages/wxcloud/src/host/errors';
import { MAX_NESTING_DEPTH } from '../../../packages/wxcloud/src/limits';
import { JOURNAL_FILE, JournalStore } from '../../../packages/wxcloud/src/store/journal-store';
import type { DocId } from '../../../packages/wxcloud/src/store/types';

export const COLLECTION = 'things';
export type Answer = { ok: true; data: Record<string, unknown> } | { ok: false; code: string };

/** A database on `dir`, driven through the action table (schema checked, then handled and flushed). */
export class DatabaseUnderTest {
  readonly notes: string[] = [];
  private constructor(
    readonly dir: string,
    readonly store: JournalStore,
    private readonly actions: ActionTable,
  ) {}

  static async open(dir: string, notes: string[] = []): Promise<DatabaseUnderTest> {
    const store = await JournalStore.open({ dir, log: (note) => notes.push(note) });
    const actions = createDatabaseActions(createDatabaseState(store));
    const db = new DatabaseUnderTest(dir, store, actions);
    db.notes.push(...notes);
    if (!store.hasCollection(COLLECTION)) await db.call('database.addCollection', {});
    return db;
  }

  async call(action: string, params: Record<string, unknown>): Promise<Answer> {
    const definition = this.actions[action];
    if (!definition) throw new Error(`no action ${action}`);
    try {
      const parsed = definition.schema.parse({ collectionName: COLLECTION, ...params });
      const reply = await definition.handle(parsed, { requestId: 'model', envName: undefined, headers: {} });
      return { ok: true, data: (reply.data ?? reply) as Record<string, unknown> };
    } catch (error) {
      if (error instanceof EmulatorError) return { ok: false, code: error.code };
      throw error; // anything else is a bug the property must report
    }
  }

  /** Every stored document of the collection, canonical and sorted by id. */
  contents(): string[] {
    return [...this.store.scan(COLLECTION)].map(canonical).sort();
  }

  journalBytes(): Buffer {
    return fs.readFileSync(path.join(this.dir, JOURNAL_FILE));
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** The EJSON text the SDK would send for `value`. */
export function ejson(value: unknown): string {
  return EJSON.stringify(value as never, { relaxed: false });
}

/** Canonical EJSON of a value with object keys sorted, so that key order does not count. */
export function canonical(value: unknown): string {
  return ejson(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isPlainObject(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key]);
  return sorted;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null; // fast-check builds dictionaries without a prototype
}

/** What the model expects of an operation: a new document (or deletion), an error, or "read the answer". */
export type Expectation =
  { kind: 'doc'; doc: Record<string, unknown> | undefined } | { kind: 'error' } | { kind: 'unpredicted' };

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** Whether a field name may not be stored (the emulator refuses it at write time). */
export function refusedName(segment: string): boolean {
  return segment.startsWith('$') || segment === '__proto__';
}

/**
 * The plain object holding `path`'s last field, creating missing ones; undefined when the path crosses a non-object.
 */
function parentOf(
  doc: Record<string, unknown>,
  segments: readonly string[],
  create: boolean,
): Record<string, unknown> | undefined {
  let current = doc;
  for (const segment of segments.slice(0, -1)) {
    if (!hasOwn(current, segment)) {
      if (!create) return undefined;
      current[segment] = {};
    }
    const next = current[segment];
    if (!isPlainObject(next)) return undefined;
    current = next;
  }
  return current;
}

/** How deep the deepest value inside `value` sits (the document itself is level 0). */
export function depthOf(value: unknown): number {
  const items = Array.isArray(value) ? value : isPlainObject(value) ? Object.values(value) : [];
  return items.length === 0 ? 0 : 1 + Math.max(...items.map(depthOf));
}

/** A deep copy through canonical EJSON (dates and numbers kept). */
export function copy<T>(value: T): T {
  return EJSON.parse(ejson(value), { relaxed: true }) as T;
}

export type FieldOp =
  | { t: 'set'; path: string[]; value: unknown }
  | { t: 'unset'; path: string[] }
  | { t: 'inc'; path: string[]; by: number }
  | { t: 'rename'; path: string[]; to: string[] };

/** The model's update semantics: MongoDB's, for the cases it predicts. */
export function expectUpdate(current: Record<string, unknown> | undefined, op: FieldOp): Expectation {
  const touched = op.t === 'rename' ? [...op.path, ...op.to] : op.path;
  // EJSON may read `{ $oid: ... }` in the request itself as another type: refused or not, nothing unstorable may be
  // stored
  if (touched.some(refusedName) || touched.some((segment) => /^\d+$/.test(segment))) return { kind: 'unpredicted' };
  if (!current) return { kind: 'doc', doc: undefined };
  const next = copy(current);
  const parent = parentOf(next, op.path, op.t === 'set' || op.t === 'inc');
  const last = op.path[op.path.length - 1] as string;
  if (op.t === 'set') {
    if (!parent) return { kind: 'unpredicted' };
    parent[last] = copy(op.value);
  } else if (op.t === 'unset') {
    if (parent) delete parent[last];
  } else if (op.t === 'inc') {
    if (!parent) return { kind: 'unpredicted' };
    const value = hasOwn(parent, last) ? parent[last] : 0;
    // MongoDB refuses; mingo leaves it: a semantics question, not durability
    if (typeof value !== 'number') return { kind: 'unpredicted' };
    parent[last] = value + op.by;
  } else {
    return { kind: 'unpredicted' }; // $rename's path rules are MongoDB's own; its durability is still checked
  }
  return depthOf(next) > MAX_NESTING_DEPTH ? { kind: 'error' } : { kind: 'doc', doc: next };
}

export function idText(id: DocId): string {
  return JSON.stringify(id);
}
