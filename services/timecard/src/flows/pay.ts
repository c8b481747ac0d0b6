/**
 * Pay and targets as a member sees them: their roles from Discord, their finished time and pay in the
 * current week and month, and their progress towards their roles' targets. The arithmetic is
 * contracts' (`payTotal`, `memberTargets`); this file only gathers the inputs.
 */
import type { API } from '@discordjs/core/http-only';
import {
  formatMoney,
  memberTargets,
  payTotal,
  resolveRate,
  sessionPay,
  TARGET_PERIODS,
  type PayTotal,
  type Target,
  type TargetPeriod,
} from '@timekeeper/contracts';
import { readValue } from '@timekeeper/service-kit';
import { periodRange, type GuildSettings, type StorageApi } from '@timekeeper/storage';

export interface PayMember {
  readonly userId: string;
  readonly roleIds: readonly string[];
}

const ROLE_LOOKUPS = 8;

/**
 * Members' role ids from Discord, eight lookups at a time. A member who left (or whom Discord cannot
 * name now) has no roles: role rates and role targets do not apply to them.
 */
export async function rolesOf(
  api: API,
  guildId: string,
  userIds: readonly string[],
): Promise<Map<string, string[]>> {
  const roles = new Map<string, string[]>();
  const queue = [...new Set(userIds)];
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        roles.set(id, (await api.guilds.getMember(guildId, id)).roles);
      } catch {
        roles.set(id, []);
      }
    }
  };
  await Promise.all(Array.from({ length: ROLE_LOOKUPS }, worker));
  return roles;
}

/** A session's pay for people (`EUR 12.50`), or null when pay is not set up or no rate covers it. */
export function payText(
  settings: Pick<GuildSettings, 'payCurrency' | 'payRates'>,
  member: PayMember,
  category: string,
  ms: number,
): string | null {
  if (!settings.payCurrency) return null;
  const rate = resolveRate(settings.payRates, member, category);
  return rate ? formatMoney(sessionPay(ms, rate.minorPerHour), settings.payCurrency) : null;
}

export interface PeriodStanding {
  readonly period: TargetPeriod;
  /** Finished sessions in the period so far, clipped to it. */
  readonly total: PayTotal;
  /** The member's target for this period (the highest among their roles), if any. */
  readonly target: (Target & { readonly roleId: string }) | null;
}

/** The member's finished time, pay and target in the current week and month. */
export async function memberStandings(
  storage: StorageApi,
  settings: GuildSettings,
  guildId: string,
  member: PayMember,
  now: number,
): Promise<PeriodStanding[]> {
  const targets = memberTargets(settings.targets, member.roleIds);
  return Promise.all(
    TARGET_PERIODS.map(async (period) => {
      const range = periodRange(period, now, settings);
      const sessions = readValue(
        await storage.sessionsOverlapping(guildId, {
          userId: member.userId,
          from: range.from,
          to: Math.max(now, range.from + 1),
        }),
      );
      const total = payTotal(
        settings.payRates,
        member,
        sessions.map((s) => ({ category: s.category, ms: s.clippedMs })),
      );
      return { period, total, target: targets[period] ?? null };
    }),
  );
}
