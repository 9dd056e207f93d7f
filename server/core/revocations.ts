/**
 * Sessions logged out in this process, remembered until every access token they could hold has
 * expired. Verifying an access token checks this map (memory, no database read), so a logout takes
 * effect at once on this instance; other instances learn it when the token expires (at most the
 * access TTL), or sooner if they share the list (see docs/server-login.md).
 */
export class Revocations {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  revoke(sid: string, untilMs: number): void {
    this.until.set(sid, untilMs);
    this.prune();
  }

  isRevoked(sid: string): boolean {
    const until = this.until.get(sid);
    return until !== undefined && until > this.now();
  }

  get size(): number {
    return this.until.size;
  }

  private prune(): void {
    const now = this.now();
    for (const [sid, until] of this.until) if (until <= now) this.until.delete(sid);
  }
}
