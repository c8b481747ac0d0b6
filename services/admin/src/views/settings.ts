/** `/config show`: every setting, readable. Pure. */
import type { APIEmbed } from 'discord-api-types/v10';
import { DISCORD_LIMITS, formatDuration } from '@timekeeper/contracts';
import type { Category, GuildSettings } from '@timekeeper/storage';
import { formatReminderInterval } from './time';
import { channelMention, fitLines, plain, roleMention } from './text';
import { utcOffset } from '../logic/timezones';

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function settingsView(
  settings: GuildSettings,
  categories: readonly Category[],
  now: number,
): APIEmbed {
  const names = new Map(categories.map((c) => [c.key, c.displayName]));
  const categoryRoles = Object.entries(settings.roles.categoryRoleIds)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, roleId]) => `${plain(names.get(key) ?? key)} → ${roleMention(roleId)}`);
  const max = DISCORD_LIMITS.embedFieldValue;
  return {
    title: 'Timekeeper settings',
    color: 0x5865f2,
    fields: [
      {
        name: 'Time zone',
        value: `${settings.timeZone} (${utcOffset(settings.timeZone, now)} now) — days, weeks and months follow it`,
        inline: false,
      },
      { name: 'Week starts on', value: capitalise(settings.weekStart), inline: true },
      {
        name: 'Maximum session',
        value: `${formatDuration(settings.maxSessionMs)} — longer sessions are closed and flagged for review`,
        inline: true,
      },
      {
        name: 'Reminders',
        value: capitalise(formatReminderInterval(settings.reminderIntervalMs)),
        inline: true,
      },
      {
        name: 'Clock-in role',
        value: settings.roles.guildRoleId ? roleMention(settings.roles.guildRoleId) : 'None',
        inline: true,
      },
      { name: 'Category roles', value: fitLines(categoryRoles, max, 'None'), inline: false },
      {
        name: 'Manager roles',
        value: fitLines(
          settings.managerRoleIds.map(roleMention),
          max,
          'None (Manage Server and Administrator only)',
        ),
        inline: false,
      },
      {
        name: 'Activity log',
        value: settings.activityLogChannelId ? channelMention(settings.activityLogChannelId) : 'Off',
        inline: true,
      },
      {
        name: 'Work hours',
        value: `${clock(settings.workHours.start)}–${clock(settings.workHours.end)}`,
        inline: true,
      },
      { name: 'Streak minimum', value: `${formatDuration(settings.streakMinimumMs)} a day`, inline: true },
      { name: 'Leaderboards', value: settings.publicLeaderboards ? 'Public' : 'Private', inline: true },
      {
        name: 'Hiding from boards',
        value: settings.leaderboardOptOut ? 'Members may opt out' : 'Not allowed',
        inline: true,
      },
    ],
    footer: { text: 'Change these with /config · members with Manage Server are always managers' },
  };
}

/** Minutes after local midnight as HH:MM. */
function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
