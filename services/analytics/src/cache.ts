/**
 * L1 cache of analytics results per guild: a small LRU with a TTL, emptied for a guild by any of its
 * domain events (clock in/out, edits, config and category changes), so a board never outlives a write
 * that changes it by more than the event's delivery.
 */
import type { AnalyticsMetrics } from './metrics';

export const DefaultResultCacheOptions = { maxEntries: 5_000, ttlMs: 60_000 } as const;

interface Entry {
  readonly value: unknown;
  readonly expires: number;
}

export class ResultCache {
  private readonly entries = new Map<string, Entry>();
  /** guild → keys cached for it */
  private readonly byGuild = new Map<string, Set<string>>();

  constructor(
    private readonly metrics: AnalyticsMetrics,
    private readonly now: () => number,
    private readonly options: { maxEntries: number; ttlMs: number } = DefaultResultCacheOptions,
  ) {}

  async get<T>(cache: string, guildId: string, key: string, load: () => Promise<T>): Promise<T> {
    const id = `${guildId}|${cache}|${key}`;
    const hit = this.entries.get(id);
    if (hit && hit.expires > this.now()) {
      this.metrics.cacheLookups.inc({ cache, outcome: 'hit' });
      // Refresh its place in the LRU order.
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit.value as T;
    }
    this.metrics.cacheLookups.inc({ cache, outcome: 'miss' });
    const value = await load();
    this.entries.set(id, { value, expires: this.now() + this.options.ttlMs });
    let keys = this.byGuild.get(guildId);
    if (!keys) this.byGuild.set(guildId, (keys = new Set()));
    keys.add(id);
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
      this.byGuild.get(oldest.slice(0, oldest.indexOf('|')))?.delete(oldest);
    }
    return value;
  }

  /** Something changed in the guild: forget everything cached for it. */
  invalidate(guildId: string): void {
    const keys = this.byGuild.get(guildId);
    if (!keys) return;
    for (const id of keys) this.entries.delete(id);
    this.byGuild.delete(guildId);
  }
}
