/**
 * The analytics service's buttons. Every custom_id is signed (contracts codec) and carries all the
 * state it needs, so Previous/Next keep working after a restart and on any replica.
 */
import { createHash } from 'node:crypto';
import type { CustomIdCodec } from '@timekeeper/contracts';

export const ACTIONS = {
  /** Leaderboard page. Args: guild, period (`today|week|month|year|all` or `YYYYMMDD-YYYYMMDD`), category ref or `-`, limit, page. */
  leaderboardPage: 'lb',
} as const;

/** A category in a custom_id: a short hash of its key (resolved against the guild's categories). */
export function categoryRef(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 10);
}

export interface BoardState {
  readonly guildId: string;
  /** A timeframe, or a custom range of local dates. */
  readonly period: string;
  readonly categoryKey: string | undefined;
  readonly limit: number;
  readonly page: number;
}

export function encodeRange(fromDate: string, toDate: string): string {
  return `${fromDate.replace(/-/g, '')}-${toDate.replace(/-/g, '')}`;
}

export function decodeRange(period: string): { fromDate: string; toDate: string } | null {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{4})(\d{2})(\d{2})$/.exec(period);
  return m ? { fromDate: `${m[1]}-${m[2]}-${m[3]}`, toDate: `${m[4]}-${m[5]}-${m[6]}` } : null;
}

export function customIds(codec: CustomIdCodec) {
  return {
    leaderboardPage: (s: BoardState): string =>
      codec.encode({
        service: 'analytics',
        action: ACTIONS.leaderboardPage,
        args: [
          s.guildId,
          s.period,
          s.categoryKey ? categoryRef(s.categoryKey) : '-',
          String(s.limit),
          String(s.page),
        ],
      }),
  };
}

export type CustomIds = ReturnType<typeof customIds>;
