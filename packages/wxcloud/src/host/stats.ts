/**
 * Request counters by action and by collection, so tests and benchmarks can count database requests.
 * Bounded whatever callers send: actions the emulator does not serve are counted under one key,
 * and collections past MAX_COUNTED_COLLECTIONS per action under another.
 */

/** The key of every request for an action the emulator does not serve. */
export const UNKNOWN_ACTION_KEY = '(unknown action)';
/** The key of requests for collections beyond the first MAX_COUNTED_COLLECTIONS of an action. */
export const OTHER_COLLECTIONS_KEY = '(other collections)';
export const MAX_COUNTED_COLLECTIONS = 1000;

export interface ActionStats {
  total: number;
  /** Requests per `collectionName` (requests without one are counted under ""). */
  byCollection: Record<string, number>;
}

export interface EmulatorStats {
  /** Every request to the action endpoint, valid or not. */
  total: number;
  byAction: Record<string, ActionStats>;
}

/** Keyed by Maps: action and collection names come from requests (think "__proto__"). */
export class RequestStats {
  private total = 0;
  private readonly byAction = new Map<string, { total: number; byCollection: Map<string, number> }>();

  /** Counts one request; `served` says whether the action is one the emulator serves. */
  record(action: string, collection: string | undefined, served = true): void {
    this.total += 1;
    const name = served ? action : UNKNOWN_ACTION_KEY;
    let entry = this.byAction.get(name);
    if (!entry) {
      entry = { total: 0, byCollection: new Map() };
      this.byAction.set(name, entry);
    }
    entry.total += 1;
    const wanted = served ? (collection ?? '') : '';
    const key =
      entry.byCollection.has(wanted) || entry.byCollection.size < MAX_COUNTED_COLLECTIONS
        ? wanted
        : OTHER_COLLECTIONS_KEY;
    entry.byCollection.set(key, (entry.byCollection.get(key) ?? 0) + 1);
  }

  /** A copy of the counters as plain objects. */
  snapshot(): EmulatorStats {
    const byAction: Record<string, ActionStats> = {};
    for (const [action, entry] of this.byAction) {
      Object.defineProperty(byAction, action, {
        value: { total: entry.total, byCollection: Object.fromEntries(entry.byCollection) },
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return { total: this.total, byAction };
  }

  reset(): void {
    this.total = 0;
    this.byAction.clear();
  }
}
