import type { Redis } from 'ioredis';
import {
  dailyField,
  generationTag,
  keys,
  splitByLocalDay,
  TOTAL_FIELD,
  type CompletedSession,
  type Storage,
  type Weekday,
} from '../src';

export type Expected = Map<string, Map<string, number>>;
function add(map: Expected, key: string, field: string, ms: number): void {
  let m = map.get(key);
  if (!m) map.set(key, (m = new Map()));
  m.set(field, (m.get(field) ?? 0) + ms);
}

/** Every aggregate, recomputed from the session records alone with an independent split. */
export function expectedAggregates(
  guildId: string,
  sessions: CompletedSession[],
  zone: string,
  weekStart: Weekday,
  generation = 0,
): Expected {
  const e: Expected = new Map();
  for (const s of sessions) {
    for (const [day, week, month, ms] of splitByLocalDay(s.start, s.end, zone, weekStart)) {
      for (const key of [keys.userDaily(guildId, s.userId), keys.guildDaily(guildId)]) {
        add(e, key, dailyField(day, undefined, generation), ms);
        add(e, key, dailyField(day, s.category, generation), ms);
      }
      const periods = [`d${day}`, week, month, `y${day.slice(0, 4)}`].map((p) =>
        generationTag(generation, p),
      );
      for (const p of [...periods, 'all']) {
        add(e, keys.leaderboard(guildId, p, TOTAL_FIELD), s.userId, ms);
        add(e, keys.leaderboard(guildId, p, s.category), s.userId, ms);
      }
    }
    for (const key of [keys.userTotals(guildId, s.userId), keys.guildTotals(guildId)]) {
      add(e, key, TOTAL_FIELD, s.durationMs);
      add(e, key, s.category, s.durationMs);
    }
  }
  for (const [key, m] of e) {
    for (const [f, v] of m) if (v === 0) m.delete(f);
    if (m.size === 0) e.delete(key);
  }
  return e;
}

export async function actualAggregates(r: Redis, guildId: string): Promise<Expected> {
  // Tests may list keys; request paths never do.
  const all = await r.keys(`tk:{${guildId}}:*`);
  const out: Expected = new Map();
  for (const key of all) {
    if (/:(user:\d+:)?(daily|totals)$/.test(key)) {
      const m = new Map(Object.entries(await r.hgetall(key)).map(([f, v]) => [f, Number(v)]));
      out.set(key, m);
    } else if (/:lb:[^:]+:[^:]+$/.test(key)) {
      const flat: string[] = await r.zrange(key, '0', '-1', 'WITHSCORES');
      const m = new Map<string, number>();
      for (let i = 0; i < flat.length; i += 2) m.set(flat[i]!, Number(flat[i + 1]));
      out.set(key, m);
    }
  }
  return out;
}

export const sortMap = (e: Expected) =>
  Object.fromEntries(
    [...e].sort(([a], [b]) => a.localeCompare(b)).map(([k, m]) => [k, Object.fromEntries([...m].sort())]),
  );

/** The guild's current period generation (zone-dependent aggregates are keyed by it). */
export async function generationOf(storage: Storage, guildId: string): Promise<number> {
  const r = await storage.getSettings(guildId);
  if (!r.ok) throw new Error('settings read failed');
  return r.value.periodGeneration;
}
