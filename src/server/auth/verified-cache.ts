/**
 * Remembers tokens that verified, until they expire, so the add-in's repeated requests do not
 * pay for a signature check each. Bounded: the oldest entry goes when it is full. A token is
 * only ever cached after a full verification, and never past its own `exp` or the cache TTL.
 */
import type { Principal } from '../../core/permissions';

export class VerifiedTokenCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 5 * 60 * 1000,
  ) {}

  get(token: string, now: number): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  set(token: string, principal: Principal, expiresAtMs: number, now: number): void {
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { principal, until: Math.min(expiresAtMs, now + this.ttlMs) });
  }
}
