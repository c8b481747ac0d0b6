/** A manager's forced clock-out: the manager's answer and the member's direct message. */
import { formatDuration } from '@timekeeper/contracts';
import type { APIEmbed } from 'discord-api-types/v10';
import { discordTime, plain, truncate, userMention } from '../logic/format';
import { COLORS, type MessageBody } from './components';
import { shownName, type CategoryNames } from './names';

export interface ForcedSession {
  readonly userId: string;
  readonly category: string;
  readonly start: number;
  readonly end: number;
  readonly durationMs: number;
}

export interface ForcedInput {
  readonly names: CategoryNames;
  readonly session: ForcedSession;
  readonly reason: string | null;
  readonly capped: boolean;
  /** False when the member's DM could not be queued. */
  readonly notified: boolean;
}

export function forcedView(input: ForcedInput): MessageBody {
  const { session } = input;
  const lines = [
    `Ended ${userMention(session.userId)}'s session in **${shownName(input.names, session.category)}**.`,
  ];
  if (input.capped) lines.push('⚠️ It ran past the maximum session length and was credited only up to it.');
  lines.push(
    input.notified
      ? 'They will get a direct message, and the activity log records it.'
      : "Their direct message couldn't be queued; the activity log still records it.",
  );
  return {
    embeds: [
      {
        title: '🛑 Clocked out by a manager',
        color: COLORS.danger,
        description: truncate(lines.join('\n'), 4096),
        fields: [
          { name: 'Credited', value: formatDuration(session.durationMs), inline: true },
          {
            name: 'Session',
            value: `${discordTime(session.start, 'f')} → ${discordTime(session.end, 'f')}`,
            inline: true,
          },
          {
            name: 'Reason',
            value: input.reason ? truncate(plain(input.reason), 1024) : 'None given',
            inline: false,
          },
        ],
      },
    ],
  };
}

export function targetNotClockedIn(userId: string): string {
  return `${userMention(userId)} isn't clocked in, so there's nothing to end. Nothing was changed.`;
}

export interface ForcedDmInput {
  readonly names: CategoryNames;
  readonly session: ForcedSession;
  readonly actorId: string;
  readonly reason: string | null;
  readonly capped: boolean;
  /** Link to the channel the manager acted in; Discord shows it with the server's name. */
  readonly link: string | null;
}

/** The embed of the member's DM: who ended the session, why, and what was credited. */
export function forcedDmEmbeds(input: ForcedDmInput): APIEmbed[] {
  const { session } = input;
  const where = input.link ? ` in ${input.link}` : '';
  const lines = [
    `${userMention(input.actorId)} clocked you out of **${shownName(input.names, session.category)}**${where}.`,
    `You were credited **${formatDuration(session.durationMs)}** (${discordTime(session.start, 'f')} → ${discordTime(session.end, 'f')}).`,
  ];
  if (input.capped) lines.push('The session ran past the maximum length, so only the maximum was credited.');
  return [
    {
      title: 'You were clocked out',
      color: COLORS.danger,
      description: truncate(lines.join('\n'), 4096),
      fields: [{ name: 'Reason', value: input.reason ? truncate(plain(input.reason), 1024) : 'None given' }],
      footer: { text: 'If this looks wrong, talk to the manager who did it.' },
    },
  ];
}
