/**
 * Integration problems per guild ("couldn't give @member the On-duty role…"): a short list admins can
 * read, newest first, capped so it never grows without bound. Not part of the time data: written
 * directly (through the breaker), never journaled or batched.
 */
import type { Redis } from 'ioredis';
import { keys } from '../model/keys';
import { invalid, type InvalidInput } from '../model/outcomes';
import { checkCount, checkInstant, isObject } from '../model/validation';

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

/** A quiet window lasts at most a week. */
export const MAX_QUIET_WINDOW_MS = 7 * 86_400_000;
const QUIET_KEY = /^[A-Za-z0-9._:-]{1,100}$/;

export function checkNotice(notice: Notice, serverNow = Date.now()): InvalidInput | null {
  if (!isObject(notice)) return invalid('notice', 'a notice is an object');
  return (
    checkInstant('at', notice.at, serverNow) ??
    ((NOTICE_KINDS as readonly unknown[]).includes(notice.kind)
      ? null
      : invalid('kind', `kind is one of ${NOTICE_KINDS.join(', ')}`)) ??
    (typeof notice.message === 'string' &&
    notice.message.length > 0 &&
    notice.message.length <= MAX_NOTICE_MESSAGE
      ? null
      : invalid('message', `a notice has a message of at most ${MAX_NOTICE_MESSAGE} characters`))
  );
}

export function checkQuiet(quiet: unknown): InvalidInput | null {
  if (quiet === undefined) return null;
  if (!isObject(quiet) || typeof quiet.key !== 'string' || !QUIET_KEY.test(quiet.key)) {
    return invalid('quiet', 'a quiet key is 1–100 of A–Z a–z 0–9 . _ : -');
  }
  return checkCount('quiet.windowMs', quiet.windowMs, 1, MAX_QUIET_WINDOW_MS, false);
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
