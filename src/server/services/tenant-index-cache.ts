/**
 * Keeps the Tenant Allow/Block List's matching index warm for live decisions. Building it for
 * 10,000 entries takes ~100 ms; a decision with it takes microseconds. It is rebuilt only when
 * - the list changed: an entry was created, edited, deleted or swept as expired, by this server
 *   instance or another on the same database (each such change writes an audit row, and the
 *   source's version is the newest one's id); or
 * - a "remove N days after last used" entry reaches the expiry this index placed for it.
 *
 * Last use is not part of the version: every decision that matches an entry records it, and
 * rebuilding after each would make every such decision pay for a full build. The index reads
 * last use only to place the expiry of "after last used" entries, and an older last use can
 * only place that expiry earlier, never later. So until the earliest such expiry still ahead
 * at build time, every entry the index shows as live is live; at that instant it is rebuilt
 * from the stored dates, and an entry that was used in the meantime lives on.
 */
import { buildTenantIndex, expiresAtMs, type TenantEntry, type TenantListIndex } from '../../core/lists';

export interface TenantIndexSource {
  /** Changes whenever an entry is created, edited, deleted or expired (not when one is used). */
  version(): Promise<number>;
  entries(): Promise<TenantEntry[]>;
}

export type BuildTenantIndex = (entries: readonly TenantEntry[]) => TenantListIndex;

interface Built {
  version: number;
  index: TenantListIndex;
  /** Epoch ms from which the index may hold an "after last used" entry as expired too soon. */
  staleAt: number;
}

/** The earliest "after last used" expiry after `nowMs`; Infinity when there is none. */
function lastUseDeadline(entries: readonly TenantEntry[], nowMs: number): number {
  let deadline = Number.POSITIVE_INFINITY;
  for (const entry of entries) {
    if (entry.expiration.type !== 'afterLastUsed') continue;
    const at = expiresAtMs(entry);
    if (at > nowMs && at < deadline) deadline = at;
  }
  return deadline;
}

export class TenantIndexCache {
  private built: Built | undefined;
  private building: { version: number; done: Promise<Built> } | undefined;

  /** `build` is the core's; tests pass one that counts. */
  constructor(
    private readonly source: TenantIndexSource,
    private readonly build: BuildTenantIndex = buildTenantIndex,
  ) {}

  async current(now: Date): Promise<TenantListIndex> {
    const version = await this.source.version();
    const built = this.built;
    if (built !== undefined && built.version === version && now.getTime() < built.staleAt) return built.index;
    return (await this.rebuild(version, now)).index;
  }

  /**
   * Decisions that find the index stale while a build of the same version runs wait for that
   * build instead of each starting one. The entries are read after the version, so an index
   * may hold a change newer than its version (it is then built once more), never an older one.
   */
  private rebuild(version: number, now: Date): Promise<Built> {
    if (this.building?.version === version) return this.building.done;
    const done = (async () => {
      const entries = await this.source.entries();
      const fresh: Built = { version, index: this.build(entries), staleAt: lastUseDeadline(entries, now.getTime()) };
      if (this.built === undefined || this.built.version <= version) this.built = fresh;
      return fresh;
    })().finally(() => {
      if (this.building?.done === done) this.building = undefined;
    });
    this.building = { version, done };
    return done;
  }
}
