import type { Redis } from 'ioredis';
import { keys } from '../model/keys';
import type { SettingsOutcome } from '../model/outcomes';
import { TxPlan } from '../model/plan';
import {
  DEFAULT_SETTINGS,
  SETTINGS_SCHEMA_VERSION,
  type GuildSettings,
  type SettingsPatch,
  type WriteContext,
} from '../model/types';
import { applySettingsPatch } from '../model/settings-patch';
import { checkContext, checkIds } from '../model/validation';
import { parseJson, runWrite, type Backend, type SettingsSnapshot, type WriteDone } from './backend';

/** Reads a guild's settings straight from Redis; missing fields take their defaults. */
export async function loadSettings(redis: Redis, guildId: string): Promise<SettingsSnapshot> {
  const key = keys.settings(guildId);
  const [data, rev] = await redis.hmget(key, 'data', 'rev');
  if (data === null || data === undefined) return { settings: DEFAULT_SETTINGS, rev: rev ?? null };
  const stored = parseJson<Partial<GuildSettings>>(key, data);
  // Newer fields get defaults when older documents are read; the schema version says what was written.
  return {
    settings: { ...DEFAULT_SETTINGS, ...stored, schemaVersion: SETTINGS_SCHEMA_VERSION },
    rev: rev ?? null,
  };
}

export async function updateSettings(
  backend: Backend,
  guildId: string,
  patch: SettingsPatch,
  ctx: WriteContext,
): Promise<WriteDone<SettingsOutcome>> {
  const bad = checkIds({ guildId }) ?? checkContext(ctx, backend.now());
  if (bad) return { outcome: bad, replayed: false };
  // Every field is checked on its own, so a bad patch is refused before anything is read or stored.
  const checked = applySettingsPatch(DEFAULT_SETTINGS, patch);
  if (!checked.ok) return { outcome: checked, replayed: false };
  return runWrite<SettingsOutcome>(backend, 'settings.update', guildId, ctx.eventId, async () => {
    const current = await backend.settings(guildId, true);
    const plan = new TxPlan().guardHash(keys.settings(guildId), 'rev', current.rev);
    const merged = applySettingsPatch(current.settings, patch);
    if (!merged.ok) return { plan, outcome: merged };
    const zoneChanged =
      merged.value.timeZone !== current.settings.timeZone ||
      merged.value.weekStart !== current.settings.weekStart;
    // New zone, new generation of zone-dependent aggregates (repo/periods.ts rebuilds them).
    const settings = zoneChanged
      ? { ...merged.value, periodGeneration: current.settings.periodGeneration + 1 }
      : merged.value;
    plan
      .op(['hset', keys.settings(guildId), 'data', JSON.stringify(settings)])
      .op(['hincr', keys.settings(guildId), 'rev', 1])
      .audit(guildId, 'config.changed', ctx, { before: current.settings, after: settings });
    return {
      plan,
      outcome: {
        ok: true,
        settings,
        event: {
          type: 'config.changed',
          eventId: ctx.eventId,
          guildId,
          at: ctx.now,
          actor: ctx.actor,
          ...(ctx.reason === undefined ? {} : { reason: ctx.reason }),
        },
      },
    };
  });
}
