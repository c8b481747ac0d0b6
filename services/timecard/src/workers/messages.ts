/**
 * The text and buttons of every message the workers send. Pure; each stays within Discord's limits
 * (content ≤ 2000, labels ≤ 80, custom_id ≤ 100, modal title ≤ 45).
 */
import type { CustomIdCodec } from '@timekeeper/contracts';
import { DISCORD_LIMITS, formatDuration } from '@timekeeper/contracts';
import {
  ButtonStyle,
  ComponentType,
  TextInputStyle,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIModalInteractionResponseCallbackData,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord-api-types/v10';
import { STOPPED_AT_EXAMPLES } from './stopped-at';

/** custom_id actions of the workers' DM components (`timecard:<action>:<guildId>[:<sessionId>]`). */
export const DM_ACTIONS = {
  clockOut: 'dm-clockout',
  mute: 'dm-mute',
  unmute: 'dm-unmute',
  stillWorking: 'dm-still',
  stoppedAt: 'dm-stopped',
  stoppedAtModal: 'dm-stopped-at',
  /** "I worked until…" under an auto-close DM. Args: guild, session, when it was closed (base 36 ms). */
  workedUntil: 'dm-until',
  /** Its modal. Same args. */
  workedUntilModal: 'dm-until-m',
} as const;

/** The text input of the "I stopped at…" modal. */
export const STOPPED_AT_FIELD = 'stopped_at';

export type MessageBody = Pick<
  RESTPostAPIChannelMessageJSONBody,
  'content' | 'components' | 'allowed_mentions'
>;

/** `<t:…:style>`: rendered in each reader's own zone. */
export const ts = (ms: number, style: 'f' | 't' | 'R' | 'd' = 'f'): string =>
  `<t:${Math.floor(ms / 1000)}:${style}>`;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function body(content: string, buttons: APIButtonComponent[] = []): MessageBody {
  return {
    content: clip(content, DISCORD_LIMITS.content),
    allowed_mentions: { parse: [] },
    components: buttons.length ? [{ type: ComponentType.ActionRow, components: buttons }] : [],
  };
}

function button(
  codec: CustomIdCodec,
  label: string,
  action: string,
  args: string[],
  style: ButtonStyle,
): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style,
    label: clip(label, DISCORD_LIMITS.label),
    custom_id: codec.encode({ service: 'timecard', action, args }),
  } as APIButtonComponent;
}

/** Category names are ours (≤ 50 characters) but may contain Markdown characters. */
const name = (category: string): string => clip(category.replace(/([*_~`|\\])/g, '\\$1'), 60);

export function reminderMessage(
  codec: CustomIdCodec,
  s: { guildId: string; sessionId: string; category: string; startedAt: number },
): MessageBody {
  return body(
    `⏰ You've been clocked in to **${name(s.category)}** since ${ts(s.startedAt, 'R')} (${ts(s.startedAt, 't')}).`,
    [
      button(codec, 'Clock out', DM_ACTIONS.clockOut, [s.guildId, s.sessionId], ButtonStyle.Danger),
      button(codec, 'Mute reminders', DM_ACTIONS.mute, [s.guildId], ButtonStyle.Secondary),
    ],
  );
}

export function mutedMessage(codec: CustomIdCodec, guildId: string): MessageBody {
  return body("🔕 Reminders are muted for this server. You'll still be asked if a session runs very long.", [
    button(codec, 'Unmute', DM_ACTIONS.unmute, [guildId], ButtonStyle.Secondary),
  ]);
}

export function unmutedMessage(): MessageBody {
  return body('🔔 Reminders are back on for this server.');
}

export function stillWorkingPrompt(
  codec: CustomIdCodec,
  s: {
    guildId: string;
    sessionId: string;
    category: string;
    startedAt: number;
    lastActiveAt: number;
    closeAt: number;
  },
): MessageBody {
  const since = s.lastActiveAt > s.startedAt ? 'your last "Still working"' : 'when you clocked in';
  return body(
    [
      `⏳ **Still working?** You've been clocked in to **${name(s.category)}** since ${ts(s.startedAt, 'f')} (${ts(s.startedAt, 'R')}).`,
      `If you don't answer by ${ts(s.closeAt, 't')}, I'll end it at ${ts(s.lastActiveAt, 't')} (${since}) and flag it for an admin to review.`,
    ].join('\n'),
    [
      button(codec, 'Still working', DM_ACTIONS.stillWorking, [s.guildId, s.sessionId], ButtonStyle.Primary),
      button(codec, 'I stopped at…', DM_ACTIONS.stoppedAt, [s.guildId, s.sessionId], ButtonStyle.Secondary),
    ],
  );
}

export function stoppedAtModal(
  codec: CustomIdCodec,
  guildId: string,
  sessionId: string,
): APIModalInteractionResponseCallbackData {
  const row: APIActionRowComponent<never> = {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.TextInput,
        custom_id: STOPPED_AT_FIELD,
        label: 'When did you stop? (your server’s time)',
        style: TextInputStyle.Short,
        placeholder: clip(STOPPED_AT_EXAMPLES, 100),
        min_length: 1,
        max_length: 40,
        required: true,
      } as never,
    ],
  };
  return {
    custom_id: codec.encode({
      service: 'timecard',
      action: DM_ACTIONS.stoppedAtModal,
      args: [guildId, sessionId],
    }),
    title: 'When did you stop working?',
    components: [row as never],
  };
}

export function stillWorkingConfirmed(nextPromptAt: number): MessageBody {
  return body(`👍 Noted — keep going. I'll check in again ${ts(nextPromptAt, 'R')}.`);
}

export function clockedOutMessage(s: {
  category: string;
  start: number;
  end: number;
  durationMs: number;
}): MessageBody {
  return body(
    `✅ Clocked out of **${name(s.category)}**: ${ts(s.start, 'f')} – ${ts(s.end, 't')}, ${formatDuration(s.durationMs)} credited.`,
  );
}

export function sessionEndedMessage(): MessageBody {
  return body(
    'This session has already ended — nothing to do. Use /status in the server to see where you stand.',
  );
}

export function autoClosedMessage(
  codec: CustomIdCodec,
  s: {
    guildId: string;
    sessionId: string;
    category: string;
    start: number;
    end: number;
    durationMs: number;
    /** When Timekeeper closed it: the latest end the member can claim. */
    closedAt: number;
  },
): MessageBody {
  return body(
    [
      `🛑 Your **${name(s.category)}** session from ${ts(s.start, 'f')} was closed at ${ts(s.end, 't')}, your last confirmed activity, because "Still working?" went unanswered.`,
      `${formatDuration(s.durationMs)} credited. It is flagged for an admin to review; if you worked longer, press **I worked until…** and a manager will be asked to approve it.`,
    ].join('\n'),
    [
      button(
        codec,
        'I worked until…',
        DM_ACTIONS.workedUntil,
        [s.guildId, s.sessionId, s.closedAt.toString(36)],
        ButtonStyle.Primary,
      ),
    ],
  );
}

/** One line for the activity log and the notices list, e.g. when a role could not be given. */
export function roleProblemLine(
  kind: 'forbidden' | 'unknown-role' | 'rejected',
  r: { userId: string; roleId: string; action: 'add' | 'remove' },
): string {
  const verb =
    r.action === 'add'
      ? `give <@${r.userId}> the <@&${r.roleId}> role`
      : `take the <@&${r.roleId}> role from <@${r.userId}>`;
  switch (kind) {
    case 'forbidden':
      return `⚠️ Couldn't ${verb}: Timekeeper's role must be above it and have Manage Roles.`;
    case 'unknown-role':
      return `⚠️ Couldn't ${verb}: the role no longer exists. Pick another with /config role.`;
    case 'rejected':
      return `⚠️ Couldn't ${verb}: Discord refused the change.`;
  }
}
