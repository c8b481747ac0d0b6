/** The `/help` embed: one field per level the member has, each within Discord's field limit. Pure. */
import { DISCORD_LIMITS } from '@timekeeper/contracts';
import type { APIEmbed } from 'discord-api-types/v10';
import type { HelpLevel, HelpLine } from '../logic/help';
import { truncate } from '../logic/format';

const TITLES: Record<HelpLevel, string> = {
  member: 'Everyone',
  manager: 'Managers',
  admin: 'Server set-up',
};

const WHO: Record<HelpLevel, string> = {
  member: 'member',
  manager: 'manager (manager role)',
  admin: 'admin (Administrator or Manage Server)',
};

export function helpEmbed(input: {
  level: HelpLevel;
  lines: readonly HelpLine[];
  /** Shown first when the member may not clock in (suspended, or a required role missing). */
  notice: string | null;
}): APIEmbed {
  const levels: HelpLevel[] = ['member', 'manager', 'admin'];
  const fields = levels
    .map((level) => ({ level, lines: input.lines.filter((l) => l.level === level) }))
    .filter((group) => group.lines.length > 0)
    .map((group) => ({
      name: TITLES[group.level],
      value: truncate(
        group.lines.map((l) => `\`${l.usage}\` — ${l.description}`).join('\n'),
        DISCORD_LIMITS.embedFieldValue,
      ),
    }));
  const setupNote =
    input.level === 'manager'
      ? '\nDiscord shows the set-up commands to Manage Server by default; an admin can show them to your role (Server Settings → Integrations).'
      : '';
  return {
    title: 'Timekeeper commands you can use here',
    description: truncate(
      `You are a **${WHO[input.level]}** on this server.${setupNote}${input.notice ? `\n\n${input.notice}` : ''}`,
      DISCORD_LIMITS.embedDescription,
    ),
    fields,
  };
}
