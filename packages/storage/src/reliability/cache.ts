import { randomUUID } from 'node:crypto';
import { subjects } from '@timekeeper/contracts';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { LRUCache } from 'lru-cache';
import type { Registry } from 'prom-client';
import { counter } from './metrics';

export interface GuildCacheOptions {
  /** Most entries kept (LRU). */
  readonly max: number;
  /** How long an entry counts as fresh. Stale entries stay (until evicted) for outage reads. */
  readonly ttlMs: number;
}

export const DefaultGuildCacheOptions: GuildCacheOptions = { max: 10_000, ttlMs: 60_000 };

/** Names of what is cached; bounded, so they are safe metric labels. */
export type CacheName = 'settings' | 'categories' | 'reads';

/**
 * In-process LRU with TTL for read-mostly guild data. A committed change drops the guild's entries
 * here and, over NATS, on every other replica.
 */
export class GuildCache {
  private readonly lru: LRUCache<string, { value: unknown }>;
  private readonly byGuild = new Map<string, Set<string>>();
  private readonly hits;
  private readonly misses;
  private readonly instance = randomUUID();
  private subscription: Subscription | undefined;
  private nats: NatsConnection | undefined;

  constructor(registry: Registry, options: Partial<GuildCacheOptions> = {}) {
    const o = { ...DefaultGuildCacheOptions, ...options };
    this.lru = new LRUCache({
      max: o.max,
      ttl: o.ttlMs,
      allowStale: false,
      noDeleteOnStaleGet: true,
      dispose: (_value, key, reason) => {
        if (reason !== 'set') this.unindex(key);
      },
    });
    this.hits = counter(registry, 'cache_hits_total', 'Cache lookups answered fresh', ['cache']);
    this.misses = counter(registry, 'cache_misses_total', 'Cache lookups not answered fresh', ['cache']);
  }

  /** Listens for other replicas' invalidations; from now on local invalidations are published too. */
  listen(nats: NatsConnection): void {
    this.nats = nats;
    this.subscription = nats.subscribe(subjects.cacheInvalidate('*'), {
      callback: (error, msg) => {
        if (error || msg.string() === this.instance) return;
        const guildId = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
        this.forgetLocal(guildId);
      },
    });
  }

  /** A fresh entry, or undefined (counted as hit or miss). */
  get<T>(guildId: string, name: CacheName, key = ''): T | undefined {
    const entry = this.lru.get(this.key(guildId, name, key));
    if (entry) this.hits.inc({ cache: name });
    else this.misses.inc({ cache: name });
    return entry?.value as T | undefined;
  }

  /** Any entry, fresh or expired: for reads while Redis is unreachable. */
  getStale<T>(guildId: string, name: CacheName, key = ''): T | undefined {
    return this.lru.get(this.key(guildId, name, key), { allowStale: true })?.value as T | undefined;
  }

  set(guildId: string, name: CacheName, value: unknown, key = ''): void {
    const full = this.key(guildId, name, key);
    this.lru.set(full, { value });
    let keys = this.byGuild.get(guildId);
    if (!keys) this.byGuild.set(guildId, (keys = new Set()));
    keys.add(full);
  }

  forgetLocal(guildId: string): void {
    for (const key of [...(this.byGuild.get(guildId) ?? [])]) this.lru.delete(key);
    this.byGuild.delete(guildId);
  }

  /** Drops a guild's entries here and tells the other replicas to do the same. */
  invalidate(guildId: string): void {
    this.forgetLocal(guildId);
    this.nats?.publish(subjects.cacheInvalidate(guildId), this.instance);
  }

  close(): void {
    this.subscription?.unsubscribe();
    this.lru.clear();
  }

  private key(guildId: string, name: CacheName, key: string): string {
    return `${guildId}|${name}|${key}`;
  }

  private unindex(full: string): void {
    const guildId = full.slice(0, full.indexOf('|'));
    const keys = this.byGuild.get(guildId);
    keys?.delete(full);
    if (keys?.size === 0) this.byGuild.delete(guildId);
  }
}
