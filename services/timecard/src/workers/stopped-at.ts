/**
 * Reads the member's answer to "When did you stop?": a clock time in the guild's zone (`17:30`,
 * `5:30 pm`) — today, or yesterday if that is still ahead — or a relative time (`45m ago`, `2h ago`,
 * `1h 30m ago`, `now`). Pure.
 */
import { DateTime } from 'luxon';

export type StoppedAt =
  { readonly ok: true; readonly at: number } | { readonly ok: false; readonly message: string };

export const STOPPED_AT_EXAMPLES = '17:30, 5:30pm, 45m ago or 2h ago';

const CLOCK = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/;
const RELATIVE_PART = /(\d+(?:\.\d+)?)\s*(hours|hour|hrs|hr|h|minutes|minute|mins|min|m)(?![a-z])/g;
const RELATIVE = /^((?:\d+(?:\.\d+)?\s*(?:h|hr|hrs|hour|hours|m|min|mins|minute|minutes)\s*)+)ago$/;

/** Parses `input` as an instant; `now` and the session start bound it. */
export function parseStoppedAt(
  input: string,
  options: { readonly now: number; readonly sessionStart: number; readonly timeZone: string },
): StoppedAt {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const at = text === 'now' ? options.now : (relative(text, options.now) ?? clockTime(text, options));
  if (at === null) {
    return {
      ok: false,
      message: `I couldn't read "${input.trim().slice(0, 40)}". Try ${STOPPED_AT_EXAMPLES}.`,
    };
  }
  if (at > options.now) return { ok: false, message: 'That time is in the future. When did you stop?' };
  if (at < options.sessionStart) {
    return {
      ok: false,
      message: `That is before you clocked in (<t:${Math.floor(options.sessionStart / 1000)}:f>). When did you stop?`,
    };
  }
  return { ok: true, at };
}

function relative(text: string, now: number): number | null {
  if (!RELATIVE.test(text)) return null;
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(RELATIVE_PART)) {
    ms += Number(amount) * (unit!.startsWith('h') ? 3_600_000 : 60_000);
  }
  return Number.isFinite(ms) ? now - Math.round(ms) : null;
}

function clockTime(text: string, options: { now: number; timeZone: string }): number | null {
  const match = CLOCK.exec(text);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const meridiem = match[3]?.[0];
  if (match[2] === undefined && !meridiem) return null; // a bare "5" is too ambiguous
  if (minute > 59) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  } else if (hour > 23) return null;
  const now = DateTime.fromMillis(options.now, { zone: options.timeZone });
  if (!now.isValid) return null;
  const today = now.set({ hour, minute, second: 0, millisecond: 0 });
  // Later than now today: the member means yesterday.
  const chosen = today.toMillis() > options.now ? today.minus({ days: 1 }).set({ hour, minute }) : today;
  return chosen.toMillis();
}
