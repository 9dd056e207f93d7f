/** Request counters by action and by collection, so tests and benchmarks can count database requests. */

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

  record(action: string, collection: string | undefined): void {
    this.total += 1;
    let entry = this.byAction.get(action);
    if (!entry) {
      entry = { total: 0, byCollection: new Map() };
      this.byAction.set(action, entry);
    }
    entry.total += 1;
    const key = collection ?? '';
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
