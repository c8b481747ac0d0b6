/** Activity-log embeds, one per domain event: short, with Discord timestamps. Pure. */
import type { APIEmbed } from 'discord-api-types/v10';
import { DISCORD_LIMITS, formatDuration, type DomainEvent } from '@timekeeper/contracts';
import { discordTimestamp } from './time';
import { plain, truncate, userMention } from './text';

/** The event types that are posted; everything else on the stream is acknowledged and skipped. */
export const ACTIVITY_EVENT_TYPES = [
  'clock.in',
  'clock.out',
  'clock.forced',
  'clock.switched',
  'session.edited',
  'session.deleted',
  'session.added',
  'period.locked',
  'period.unlocked',
  'member.suspended',
  'member.unsuspended',
] as const;
export type ActivityEventType = (typeof ACTIVITY_EVENT_TYPES)[number];
export type ActivityEvent = Extract<DomainEvent, { type: ActivityEventType }>;

export function isActivityEvent(event: DomainEvent): event is ActivityEvent {
  return (ACTIVITY_EVENT_TYPES as readonly string[]).includes(event.type);
}

export const ACTIVITY_COLORS = {
  in: 0x2ecc71,
  out: 0xe67e22,
  forced: 0xe74c3c,
  switched: 0x3498db,
  edited: 0x9b59b6,
  deleted: 0x992d22,
  added: 0x1abc9c,
  locked: 0x34495e,
  suspended: 0x7f8c8d,
} as const;

/** Category key → display name (falls back to the key). */
export type CategoryNames = (key: string) => string;

const cat = (names: CategoryNames, key: string): string => `**${plain(names(key))}**`;
const span = (start: number, end: number): string =>
  `${discordTimestamp(start, 'f')} → ${discordTimestamp(end, 't')}`;

function reasonLine(reason: string | null): string {
  return reason ? `\nReason: ${truncate(plain(reason), 512)}` : '';
}

function actorText(actorId: string | null): string {
  return actorId ? userMention(actorId) : 'Timekeeper';
}

function describe(
  event: ActivityEvent,
  names: CategoryNames,
): { title: string; color: number; text: string } {
  switch (event.type) {
    case 'clock.in':
      return {
        title: 'Clocked in',
        color: ACTIVITY_COLORS.in,
        text:
          `${userMention(event.userId)} clocked in to ${cat(names, event.categoryKey)} at ${discordTimestamp(event.startedAt, 't')}` +
          (event.description ? `\n> ${truncate(plain(event.description), 200)}` : ''),
      };
    case 'clock.out': {
      const auto = event.cause === 'auto';
      return {
        title: auto ? 'Clocked out automatically' : 'Clocked out',
        color: ACTIVITY_COLORS.out,
        text:
          `${userMention(event.userId)} ${auto ? 'was clocked out of' : 'clocked out of'} ${cat(names, event.categoryKey)} after **${formatDuration(event.durationMs)}**\n` +
          span(event.startedAt, event.endedAt) +
          (event.capped ? '\nCapped at the maximum session length — flagged for review.' : ''),
      };
    }
    case 'clock.forced':
      return {
        title: 'Forced clock-out',
        color: ACTIVITY_COLORS.forced,
        text:
          `${actorText(event.actorId)} clocked out ${userMention(event.userId)} from ${cat(names, event.categoryKey)} after **${formatDuration(event.durationMs)}**\n` +
          span(event.startedAt, event.endedAt) +
          (event.capped ? '\nCapped at the maximum session length.' : '') +
          reasonLine(event.reason),
      };
    case 'clock.switched':
      return {
        title: 'Switched category',
        color: ACTIVITY_COLORS.switched,
        text: `${userMention(event.userId)} switched from ${cat(names, event.from.categoryKey)} (**${formatDuration(event.from.durationMs)}**) to ${cat(names, event.to.categoryKey)} at ${discordTimestamp(event.to.startedAt, 't')}`,
      };
    case 'session.edited': {
      const { before, after } = event;
      const changes: string[] = [];
      if (before.categoryKey !== after.categoryKey) {
        changes.push(`Category: ${cat(names, before.categoryKey)} → ${cat(names, after.categoryKey)}`);
      }
      if (before.startedAt !== after.startedAt) {
        changes.push(`Start: ${discordTimestamp(before.startedAt)} → ${discordTimestamp(after.startedAt)}`);
      }
      if (before.endedAt !== after.endedAt) {
        changes.push(`End: ${discordTimestamp(before.endedAt)} → ${discordTimestamp(after.endedAt)}`);
      }
      if (before.durationMs !== after.durationMs) {
        changes.push(`Duration: ${formatDuration(before.durationMs)} → ${formatDuration(after.durationMs)}`);
      }
      return {
        title: 'Session edited',
        color: ACTIVITY_COLORS.edited,
        text:
          `${actorText(event.actorId)} edited a session of ${userMention(event.userId)}\n` +
          (changes.length > 0 ? changes.join('\n') : 'No visible change.') +
          reasonLine(event.reason),
      };
    }
    case 'session.deleted':
      return {
        title: 'Session deleted',
        color: ACTIVITY_COLORS.deleted,
        text:
          `${actorText(event.actorId)} deleted a session of ${userMention(event.userId)}: ${cat(names, event.categoryKey)}, **${formatDuration(event.durationMs)}**\n` +
          span(event.startedAt, event.endedAt) +
          reasonLine(event.reason),
      };
    case 'session.added':
      return {
        title: 'Session added',
        color: ACTIVITY_COLORS.added,
        text:
          `${actorText(event.actorId)} added a session for ${userMention(event.userId)}: ${cat(names, event.categoryKey)}, **${formatDuration(event.durationMs)}**\n` +
          span(event.startedAt, event.endedAt) +
          reasonLine(event.reason),
      };
    case 'period.locked':
    case 'period.unlocked': {
      const who = event.userId ? userMention(event.userId) : 'everyone';
      const locked = event.type === 'period.locked';
      return {
        title: locked ? 'Timesheet approved and locked' : 'Timesheet unlocked',
        color: ACTIVITY_COLORS.locked,
        text:
          `${actorText(event.actorId)} ${locked ? 'approved and locked' : 'unlocked'} ${periodName(event.periodId)} for ${who}` +
          reasonLine(event.reason),
      };
    }
    case 'member.suspended':
    case 'member.unsuspended': {
      const suspended = event.type === 'member.suspended';
      const until = event.until === null ? '' : ` until ${discordTimestamp(event.until, 'f')}`;
      return {
        title: suspended ? 'Member suspended' : 'Suspension lifted',
        color: ACTIVITY_COLORS.suspended,
        text:
          `${actorText(event.actorId)} ${suspended ? `suspended ${userMention(event.userId)}${until}: they cannot clock in` : `lifted the suspension of ${userMention(event.userId)}`}` +
          reasonLine(event.reason),
      };
    }
  }
}

/** `w2026-11-30` → "the week of 2026-11-30"; `m2026-12` → "2026-12". */
function periodName(periodId: string): string {
  return periodId.startsWith('w') ? `the week of ${periodId.slice(1)}` : `the month ${periodId.slice(1)}`;
}

/** The embed for one activity event; within Discord's limits whatever the input. */
export function activityEmbed(event: ActivityEvent, names: CategoryNames): APIEmbed {
  const { title, color, text } = describe(event, names);
  return {
    title,
    color,
    description: truncate(text, DISCORD_LIMITS.embedDescription),
    timestamp: new Date(event.at).toISOString(),
  };
}
