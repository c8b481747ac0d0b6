/** Pure text helpers: Discord timestamps, truncation (durations: `formatDuration` from contracts). */

export type TimestampStyle = 't' | 'T' | 'd' | 'D' | 'f' | 'F' | 'R';

/** A Discord timestamp tag, rendered by each reader's client in their own time zone. */
export function discordTime(ms: number, style: TimestampStyle = 'f'): string {
  return `<t:${Math.floor(ms / 1000)}:${style}>`;
}

/** Cuts `text` to at most `max` UTF-16 units, ending with `…` when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return text.slice(0, Math.max(0, max));
  let cut = text.slice(0, max - 1);
  // Never leave half of a surrogate pair behind.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Removes Markdown and mention syntax from user-supplied text shown inside our messages. */
export function plain(text: string): string {
  return text.replace(/([\\*_~`|>#[\]()-])/g, '\\$1').replace(/@/g, '@\u200b');
}

export function userMention(userId: string): string {
  return `<@${userId}>`;
}

/** `#rrggbb` → embed colour integer; anything else → the fallback. */
export function colorOf(hex: string | undefined, fallback: number): number {
  return hex && /^#[0-9a-f]{6}$/i.test(hex) ? parseInt(hex.slice(1), 16) : fallback;
}
