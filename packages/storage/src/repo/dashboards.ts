/**
 * Shared dashboards: at most one posted dashboard message per channel, kept per guild in one hash
 * (`tk:{g}:dashboards`, channel id → record JSON). Listing a guild's dashboards is one HGETALL of that
 * hash (an index kept on write), never a scan.
 */
import type { Redis } from 'ioredis';
import { keys } from '../model/keys';
import { invalid, type InvalidInput } from '../model/outcomes';
import { checkIds, checkInstant, isObject } from '../model/validation';
import { LuaScript } from '../redis/scripts';
import { parseJson } from './backend';

export interface DashboardRecord {
  readonly guildId: string;
  readonly channelId: string;
  readonly messageId: string;
  /** Who posted it. */
  readonly createdBy: string;
  readonly createdAt: number;
}

/** Deletes the channel's record only while it still names `messageId` (a newer dashboard stays). */
const DELETE_IF_MESSAGE_LUA = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local ok, record = pcall(cjson.decode, raw)
if ok and record.messageId ~= ARGV[2] then return 0 end
return redis.call('HDEL', KEYS[1], ARGV[1])
`;
const deleteIfMessageScript = new LuaScript(DELETE_IF_MESSAGE_LUA);

export function checkDashboard(record: DashboardRecord, serverNow = Date.now()): InvalidInput | null {
  if (!isObject(record)) return invalid('record', 'a dashboard record is an object');
  const { guildId, channelId, messageId, createdBy } = record;
  return (
    checkIds({ guildId, channelId, messageId, createdBy }) ??
    checkInstant('createdAt', record.createdAt, serverNow)
  );
}

/** Stores (or replaces) the channel's dashboard; returns the record it replaced, if any. */
export async function setDashboard(redis: Redis, record: DashboardRecord): Promise<DashboardRecord | null> {
  const { guildId, channelId, messageId, createdBy, createdAt } = record;
  const key = keys.dashboards(guildId);
  const [[, previous] = [null, null]] =
    (await redis
      .multi()
      .hget(key, record.channelId)
      .hset(key, record.channelId, JSON.stringify({ guildId, channelId, messageId, createdBy, createdAt }))
      .exec()) ?? [];
  return typeof previous === 'string' ? parseJson<DashboardRecord>(key, previous) : null;
}

export async function getDashboard(
  redis: Redis,
  guildId: string,
  channelId: string,
): Promise<DashboardRecord | null> {
  const key = keys.dashboards(guildId);
  const raw = await redis.hget(key, channelId);
  return raw === null ? null : parseJson<DashboardRecord>(key, raw);
}

/** A guild's dashboards, oldest first. */
export async function listDashboards(redis: Redis, guildId: string): Promise<DashboardRecord[]> {
  const key = keys.dashboards(guildId);
  const all = await redis.hgetall(key);
  return Object.values(all)
    .map((raw) => parseJson<DashboardRecord>(key, raw))
    .sort((a, b) => a.createdAt - b.createdAt || a.channelId.localeCompare(b.channelId));
}

/**
 * Forgets the channel's dashboard. With `messageId`, only if the record still names that message, so a
 * late "message deleted" for an old dashboard never removes the one that replaced it.
 */
export async function deleteDashboard(
  redis: Redis,
  guildId: string,
  channelId: string,
  messageId?: string,
): Promise<boolean> {
  const key = keys.dashboards(guildId);
  if (messageId === undefined) return (await redis.hdel(key, channelId)) === 1;
  return (await deleteIfMessageScript.run(redis, [key], [channelId, messageId])) === 1;
}
