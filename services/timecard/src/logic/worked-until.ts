/**
 * The member's "I worked until HH:MM" after an automatic clock-out: a time in the server's zone on
 * the session's day (or the next, for a night shift), or a full `YYYY-MM-DD HH:MM`. It must lie after
 * the session's start and no later than the moment Timekeeper closed the session. Pure.
 */
import { DateTime } from 'luxon';
import { discordTime } from './format';
import { parseEnd } from './timesheet';
import { formatDuration } from '@timekeeper/contracts';

export type WorkedUntil =
  | { readonly ok: true; readonly at: number; readonly text: string }
  | { readonly ok: false; readonly message: string };

export function checkWorkedUntil(
  input: string,
  s: { zone: string; start: number; end: number; closedAt: number; maxSessionMs: number },
): WorkedUntil {
  const parsed = parseEnd(input, s.zone, s.start);
  if (!parsed.ok) return { ok: false, message: `${parsed.message} For example 17:30.` };
  const at = parsed.ms;
  if (at <= s.start) {
    return { ok: false, message: `That is before your session started (${discordTime(s.start, 'f')}).` };
  }
  if (at > s.closedAt) {
    return {
      ok: false,
      message: `That is after Timekeeper closed the session (${discordTime(s.closedAt, 'f')}); ask for later time with \`/request\` in the server.`,
    };
  }
  if (at === s.end) return { ok: false, message: 'That is the end already recorded.' };
  if (at - s.start > s.maxSessionMs) {
    return {
      ok: false,
      message: `That makes ${formatDuration(at - s.start)}, longer than the maximum session length (${formatDuration(s.maxSessionMs)}).`,
    };
  }
  return { ok: true, at, text: DateTime.fromMillis(at, { zone: s.zone }).toFormat('yyyy-MM-dd HH:mm') };
}
