/**
 * Integration problems per guild ("couldn't give @member the On-duty role…"): a short list admins can
 * read, newest first, capped so it never grows without bound. Not part of the time data: written
 * directly (through the breaker), never journaled or batched.
 */
import type { Redis } from 'ioredis';
import { keys } from '../model/keys';

export const NOTICE_KINDS = ['role-forbidden', 'role-missing', 'role-failed', 'dm-failed'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface Notice {
  /** Epoch ms. */
  readonly at: number;
  readonly kind: NoticeKind;
  /** One line for admins; may contain Discord mentions (`<@id>`, `<@&id>`). */
  readonly message: string;
}

/** Notices kept per guild; older ones are dropped. */
export const MAX_NOTICES = 100;
export const MAX_NOTICE_MESSAGE = 500;

export function checkNotice(notice: Notice): string | null {
  if (!Number.isSafeInteger(notice.at) || notice.at < 0) return 'at is epoch milliseconds';
  if (!(NOTICE_KINDS as readonly string[]).includes(notice.kind))
    return `kind is one of ${NOTICE_KINDS.join(', ')}`;
  if (typeof notice.message !== 'string' || notice.message.length === 0) return 'a notice needs a message';
  if (notice.message.length > MAX_NOTICE_MESSAGE)
    return `a message has at most ${MAX_NOTICE_MESSAGE} characters`;
  return null;
}

/**
 * Appends a notice (trimming the list to `MAX_NOTICES`). With `quiet`, also reports whether this is the
 * first notice with that key inside the window — so a broken role announces itself once an hour, not on
 * every clock-in — while every occurrence is still listed.
 */
export async function recordNotice(
  redis: Redis,
  guildId: string,
  notice: Notice,
  quiet?: { readonly key: string; readonly windowMs: number },
): Promise<{ announce: boolean }> {
  const quietKey = quiet ? keys.noticeQuiet(guildId, quiet.key) : null;
  const multi = redis
    .multi()
    .lpush(
      keys.notices(guildId),
      JSON.stringify({ at: notice.at, kind: notice.kind, message: notice.message }),
    )
    .ltrim(keys.notices(guildId), 0, MAX_NOTICES - 1);
  if (quiet && quietKey) multi.set(quietKey, String(notice.at), 'PX', quiet.windowMs, 'NX');
  const replies = await multi.exec();
  if (!replies) throw new Error('notice transaction aborted');
  for (const [error] of replies) if (error) throw error;
  return { announce: quiet ? replies[2]?.[1] === 'OK' : true };
}

/** The newest `limit` notices (1–MAX_NOTICES), newest first. */
export async function listNotices(redis: Redis, guildId: string, limit: number): Promise<Notice[]> {
  const count = Math.max(1, Math.min(MAX_NOTICES, Math.floor(limit)));
  const rows = await redis.lrange(keys.notices(guildId), 0, count - 1);
  return rows.flatMap((raw) => {
    try {
      return [JSON.parse(raw) as Notice];
    } catch {
      return [];
    }
  });
}
