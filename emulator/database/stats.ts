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

export class RequestStats {
  private stats: EmulatorStats = { total: 0, byAction: {} };

  record(action: string, collection: string | undefined): void {
    this.stats.total += 1;
    const entry = (this.stats.byAction[action] ??= { total: 0, byCollection: {} });
    entry.total += 1;
    const key = collection ?? '';
    entry.byCollection[key] = (entry.byCollection[key] ?? 0) + 1;
  }

  /** A copy of the counters. */
  snapshot(): EmulatorStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = { total: 0, byAction: {} };
  }
}
