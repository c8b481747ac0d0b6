import { DateTime } from 'luxon';
import { dailyField, generationTag, keys, TOTAL_FIELD } from '../model/keys';
import { ALL_TIME, splitByLocalDay } from '../model/time';
import { TxPlan } from '../model/plan';
import type { CompletedSession, GuildSettings } from '../model/types';
import { parseJson, runWrite, type Backend } from './backend';

/**
 * Rebuilds a guild's zone-dependent aggregates (daily rollups; day, week, month and year boards) for
 * its current period generation, from the sessions themselves, one batch of members at a time.
 *
 * Writes keep going meanwhile: from the settings change on, every write credits the new generation.
 * Each member is rebuilt in one guarded write: if any of the member's sessions changed after they were
 * read (the member's revision moved), the member is read again. The member's new-generation values are
 * set outright (boards) or moved by the difference (daily rollups, so the guild's rollup stays the
 * sum of its members'). Progress (a ZSCAN cursor over the all-time board) is kept in Redis, so an
 * interrupted rebuild continues where it stopped, and a repeated batch changes nothing.
 */
export interface RebuildProgress {
  readonly state: 'done' | 'running' | 'superseded';
  readonly generation: number;
  readonly processed: number;
  /** Members with credited time when the rebuild started (an estimate of the work). */
  readonly members: number;
}

/** Whether the guild's zone-dependent aggregates are built for its current settings. */
export async function periodsState(
  backend: Backend,
  guildId: string,
  settings: Pick<GuildSettings, 'periodGeneration'>,
): Promise<RebuildProgress> {
  if (settings.periodGeneration === 0) {
    return { state: 'done', generation: 0, processed: 0, members: 0 };
  }
  const [gen, target, processed, members] = await backend.call((r) =>
    r.hmget(keys.periodRebuild(guildId), 'gen', 'target', 'processed', 'members'),
  );
  const built = Number(gen ?? 0) === settings.periodGeneration;
  return {
    state: built ? 'done' : 'running',
    generation: settings.periodGeneration,
    processed: Number(target) === settings.periodGeneration ? Number(processed ?? 0) : 0,
    members: Number(members ?? 0),
  };
}

/** The most members one rebuild step takes on. */
export const MAX_REBUILD_BATCH = 1_000;

/** Rebuilds one batch of members for `generation`; call until the state is not `running`. */
export async function rebuildStep(
  backend: Backend,
  guildId: string,
  generation: number,
  batch = 100,
): Promise<RebuildProgress> {
  const { settings } = await backend.settings(guildId, true);
  if (settings.periodGeneration !== generation) {
    return { state: 'superseded', generation, processed: 0, members: 0 };
  }
  const stateKey = keys.periodRebuild(guildId);
  const allTime = keys.leaderboard(guildId, ALL_TIME, TOTAL_FIELD);
  const [gen, target, cursorRaw, processedRaw] = await backend.call((r) =>
    r.hmget(stateKey, 'gen', 'target', 'cursor', 'processed'),
  );
  if (Number(gen ?? 0) === generation) return { state: 'done', generation, processed: 0, members: 0 };
  let cursor = cursorRaw ?? '0';
  let processed = Number(processedRaw ?? 0);
  if (Number(target) !== generation) {
    const members = await backend.call((r) => r.zcard(allTime));
    await backend.call((r) =>
      r.hset(stateKey, 'target', generation, 'cursor', '0', 'processed', 0, 'members', members),
    );
    cursor = '0';
    processed = 0;
  }
  const [next, flat] = await backend.call((r) => r.zscan(allTime, cursor, 'COUNT', batch));
  for (let i = 0; i < flat.length; i += 2) {
    await rebuildMember(backend, guildId, settings, flat[i]!);
    processed++;
  }
  const members = Number((await backend.call((r) => r.hget(stateKey, 'members'))) ?? 0);
  if (next === '0') {
    // Done only if the settings still name this generation (else a newer rebuild has taken over).
    const still = (await backend.settings(guildId, true)).settings.periodGeneration === generation;
    if (!still) return { state: 'superseded', generation, processed, members };
    await dropOldGenerations(backend, guildId, generation);
    await backend.call((r) => r.hset(stateKey, 'gen', generation, 'cursor', '0', 'processed', processed));
    return { state: 'done', generation, processed, members };
  }
  await backend.call((r) => r.hset(stateKey, 'cursor', next, 'processed', processed));
  return { state: 'running', generation, processed, members };
}

/** A daily-rollup field's generation and local day (`3.2024-03-04|work` → 3, 2024-03-04). */
export function fieldGeneration(field: string): { generation: number; day: string } | null {
  const match = /^(?:(\d{1,9})\.)?(\d{4}-\d{2}-\d{2})(?:\|.*)?$/.exec(field);
  return match ? { generation: Number(match[1] ?? 0), day: match[2]! } : null;
}

/**
 * Pure: every board period id an older generation can have written for these local days (day, month,
 * year, and the week of each day whatever that generation's week start was).
 */
export function oldPeriodIds(days: Iterable<string>): Set<string> {
  const ids = new Set<string>();
  for (const day of days) {
    const date = DateTime.fromISO(day, { zone: 'UTC' });
    ids
      .add(`d${day}`)
      .add(`m${day.slice(0, 7)}`)
      .add(`y${day.slice(0, 4)}`);
    for (let back = 0; back < 7; back++) ids.add(`w${date.minus({ days: back }).toFormat('yyyy-MM-dd')}`);
  }
  return ids;
}

/**
 * Once every member is rebuilt: deletes what older generations wrote (the guild's daily-rollup fields
 * and their day, week, month and year boards). No write touches an older generation after the settings
 * changed, and nothing reads one, so this only frees memory. The members' own old fields went with
 * their rebuild. Found from the guild's rollup fields, never by scanning keys; idempotent.
 */
async function dropOldGenerations(backend: Backend, guildId: string, generation: number): Promise<void> {
  const guildDaily = keys.guildDaily(guildId);
  const fields = await backend.call((r) => r.hkeys(guildDaily));
  const old = new Map<number, Set<string>>();
  const categories = new Set<string>([TOTAL_FIELD]);
  const stale: string[] = [];
  for (const field of fields) {
    const parsed = fieldGeneration(field);
    if (!parsed || parsed.generation === generation) continue;
    stale.push(field);
    const bar = field.indexOf('|');
    if (bar !== -1) categories.add(field.slice(bar + 1));
    let days = old.get(parsed.generation);
    if (!days) old.set(parsed.generation, (days = new Set()));
    days.add(parsed.day);
  }
  const boards: string[] = [];
  for (const [gen, days] of old) {
    for (const id of oldPeriodIds(days)) {
      for (const category of categories) {
        const period = generationTag(gen, id);
        boards.push(
          keys.leaderboard(guildId, period, category),
          keys.leaderboardReached(guildId, period, category),
        );
      }
    }
  }
  for (let i = 0; i < boards.length; i += 500) {
    const chunk = boards.slice(i, i + 500);
    await backend.call((r) => r.unlink(...chunk));
  }
  for (let i = 0; i < stale.length; i += 500) {
    const chunk = stale.slice(i, i + 500);
    await backend.call((r) => r.hdel(guildDaily, ...chunk));
  }
}

/** Pure: one member's zone-dependent aggregates under `settings`. */
export function memberAggregates(
  sessions: readonly CompletedSession[],
  settings: Pick<GuildSettings, 'timeZone' | 'weekStart' | 'periodGeneration'>,
): {
  daily: Map<string, number>;
  boards: Map<string, { ms: number; reachedAt: number }>;
} {
  const gen = settings.periodGeneration;
  const daily = new Map<string, number>();
  const boards = new Map<string, { ms: number; reachedAt: number }>();
  const add = <V>(map: Map<string, V>, key: string, update: (v: V | undefined) => V): void => {
    map.set(key, update(map.get(key)));
  };
  for (const s of sessions) {
    let cursor = s.start;
    for (const [day, week, month, ms] of splitByLocalDay(
      s.start,
      s.end,
      settings.timeZone,
      settings.weekStart,
    )) {
      cursor += ms;
      for (const field of [dailyField(day, undefined, gen), dailyField(day, s.category, gen)]) {
        add(daily, field, (v) => (v ?? 0) + ms);
      }
      for (const period of [`d${day}`, week, month, `y${day.slice(0, 4)}`]) {
        for (const category of [TOTAL_FIELD, s.category]) {
          add(boards, `${generationTag(gen, period)}\n${category}`, (v) => ({
            ms: (v?.ms ?? 0) + ms,
            reachedAt: Math.max(v?.reachedAt ?? 0, cursor),
          }));
        }
      }
    }
  }
  return { daily, boards };
}

async function rebuildMember(
  backend: Backend,
  guildId: string,
  settings: GuildSettings,
  userId: string,
): Promise<void> {
  const prefix = `${settings.periodGeneration}.`;
  await runWrite(
    backend,
    'periods.rebuild',
    guildId,
    `rebuild-${settings.periodGeneration}-${userId}-${Date.now()}`,
    async () => {
      const [rev, ids, current] = await backend.call((r) =>
        Promise.all([
          r.hget(keys.memberRevs(guildId), userId),
          r.zrange(keys.userSessions(guildId, userId), '0', '-1'),
          r.hgetall(keys.userDaily(guildId, userId)),
        ]),
      );
      const sessions: CompletedSession[] = [];
      for (let i = 0; i < ids.length; i += 1_000) {
        const chunk = ids.slice(i, i + 1_000);
        const raws = await backend.call((r) => r.mget(...chunk.map((id) => keys.session(guildId, id))));
        raws.forEach((raw, j) => {
          if (raw !== null) sessions.push(parseJson<CompletedSession>(keys.session(guildId, chunk[j]!), raw));
        });
      }
      const { daily, boards } = memberAggregates(sessions, settings);
      const plan = new TxPlan().guardHash(keys.memberRevs(guildId), userId, rev);
      const fields = new Set([...daily.keys(), ...Object.keys(current).filter((f) => f.startsWith(prefix))]);
      // What older generations wrote for the member is never read again.
      for (const field of Object.keys(current)) {
        const parsed = fieldGeneration(field);
        if (parsed && parsed.generation !== settings.periodGeneration) {
          plan.op(['hdel', keys.userDaily(guildId, userId), field]);
        }
      }
      for (const field of fields) {
        const delta = (daily.get(field) ?? 0) - Number(current[field] ?? 0);
        if (delta === 0) continue;
        plan.op(['hincr', keys.userDaily(guildId, userId), field, delta]);
        plan.op(['hincr', keys.guildDaily(guildId), field, delta]);
      }
      for (const [id, { ms, reachedAt }] of boards) {
        const [period, category] = id.split('\n') as [string, string];
        if (ms <= 0) continue;
        plan.op(['zadd', keys.leaderboard(guildId, period, category), ms, userId]);
        plan.op(['hset', keys.leaderboardReached(guildId, period, category), userId, String(reachedAt)]);
      }
      return { plan, outcome: { ok: true } };
    },
  );
}
