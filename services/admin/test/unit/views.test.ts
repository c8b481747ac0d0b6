import type { LicenseVerdict } from '@timekeeper/contracts';
import { DiscordAPIError, HTTPError } from '@discordjs/rest';
import type { DomainEvent } from '@timekeeper/contracts';
import { DEFAULT_SETTINGS } from '@timekeeper/storage';
import { activityEmbed, isActivityEvent, type ActivityEvent } from '../../src/views/activity-log';
import { classifyPostError, retryDelayMs } from '../../src/logic/rest-errors';
import { parseMaxSessionHours } from '../../src/commands/config-max-session';
import { parseReminderMinutes } from '../../src/commands/config-reminders';
import { settingsView } from '../../src/views/settings';
import { systemView } from '../../src/views/system';
import { botOutranks, hasManageRoles, unusableRoleReason } from '../../src/logic/role-check';
import { embedWithinLimits } from './limits';

const base = { v: 1 as const, eventId: 'e1', guildId: '10', at: 1_700_000_000_000, actorId: '20' };
const closed = {
  userId: '30',
  sessionId: 's1',
  categoryKey: 'work',
  startedAt: 1_700_000_000_000 - 7_500_000,
  endedAt: 1_700_000_000_000,
  durationMs: 7_500_000,
  capped: false,
};
const names = (key: string) => (key === 'work' ? 'Work' : key);

const EVENTS: ActivityEvent[] = [
  {
    ...base,
    type: 'clock.in',
    userId: '30',
    sessionId: 's1',
    categoryKey: 'work',
    startedAt: base.at,
    description: 'x'.repeat(200),
  },
  { ...base, type: 'clock.out', ...closed, cause: 'user' },
  { ...base, type: 'clock.out', ...closed, actorId: null, cause: 'auto', capped: true },
  { ...base, type: 'clock.forced', ...closed, reason: 'r'.repeat(512) },
  {
    ...base,
    type: 'clock.switched',
    userId: '30',
    from: { sessionId: 's1', categoryKey: 'work', startedAt: 0, endedAt: 60_000, durationMs: 60_000 },
    to: { sessionId: 's2', categoryKey: 'meeting', startedAt: 60_000 },
  },
  {
    ...base,
    type: 'session.edited',
    userId: '30',
    sessionId: 's1',
    reason: null,
    before: { categoryKey: 'work', startedAt: 0, endedAt: 3_600_000, durationMs: 3_600_000 },
    after: { categoryKey: 'meeting', startedAt: 0, endedAt: 5_400_000, durationMs: 5_400_000 },
  },
  { ...base, type: 'session.deleted', ...closed, reason: 'duplicate' },
];

describe('activity embeds', () => {
  it.each(EVENTS.map((e) => [`${e.type}${e.type === 'clock.out' ? `/${e.cause}` : ''}`, e]))(
    '%s stays within limits',
    (_name, event) => {
      const embed = activityEmbed(event as ActivityEvent, names);
      expect(embedWithinLimits([embed])).toEqual([]);
      expect(embed.timestamp).toBe(new Date(base.at).toISOString());
    },
  );

  it('writes what happened, with durations and timestamps', () => {
    expect(activityEmbed(EVENTS[1]!, names).description).toContain(
      '<@30> clocked out of **Work** after **2h 05m**',
    );
    expect(activityEmbed(EVENTS[2]!, names)).toMatchObject({ title: 'Clocked out automatically' });
    expect(activityEmbed(EVENTS[2]!, names).description).toContain('flagged for review');
    expect(activityEmbed(EVENTS[3]!, names).description).toContain('<@20> clocked out <@30> from **Work**');
    expect(activityEmbed(EVENTS[4]!, names).description).toContain(
      'switched from **Work** (**1m**) to **meeting**',
    );
    const edited = activityEmbed(EVENTS[5]!, names).description!;
    expect(edited).toContain('Category: **Work** → **meeting**');
    expect(edited).toContain('Duration: 1h 00m → 1h 30m');
    expect(edited).not.toContain('Start:');
    expect(activityEmbed(EVENTS[6]!, names).description).toContain('Reason: duplicate');
  });

  it('skips events that are not activity', () => {
    const config: DomainEvent = { ...base, type: 'config.changed', keys: ['timezone'] };
    expect(isActivityEvent(config)).toBe(false);
    expect(EVENTS.every(isActivityEvent)).toBe(true);
  });
});

describe('post errors', () => {
  const apiError = (status: number, code: number) =>
    new DiscordAPIError({ code, message: 'x' }, code, status, 'POST', '/channels/1/messages', {});
  it.each([
    [apiError(403, 50013), 'permanent'],
    [apiError(403, 50001), 'permanent'],
    [apiError(404, 10003), 'permanent'],
    [apiError(400, 50035), 'permanent'],
    [apiError(429, 0), 'transient'],
    [apiError(401, 0), 'transient'],
    [new HTTPError(502, 'Bad Gateway', 'POST', '/x', {}), 'transient'],
    [new Error('socket hang up'), 'transient'],
  ])('%s is %s', (error, kind) => expect(classifyPostError(error).kind).toBe(kind));
  it('backs off up to five minutes', () => {
    expect(retryDelayMs(1)).toBe(2_000);
    expect(retryDelayMs(3)).toBe(8_000);
    expect(retryDelayMs(50)).toBe(300_000);
  });
});

describe('settings and system views', () => {
  it('shows every setting within limits, even with many roles', () => {
    const categoryRoleIds = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`c${i}`, `12345678901234567${String(i).padStart(2, '0')}`]),
    );
    const embed = settingsView(
      {
        ...DEFAULT_SETTINGS,
        roles: { guildRoleId: '111', categoryRoleIds },
        managerRoleIds: ['222'],
        activityLogChannelId: '333',
      },
      [],
      Date.UTC(2024, 0, 1),
    );
    expect(embedWithinLimits([embed])).toEqual([]);
    const text = JSON.stringify(embed);
    for (const part of [
      'UTC (UTC+00:00 now)',
      'Monday',
      '12h 00m',
      'Off',
      '<@&111>',
      '<@&222>',
      '<#333>',
      'more',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('colours the system embed by health', () => {
    const replica = (name: string) => ({ name, id: name, version: '0.1.0', instance: undefined });
    const healthy = systemView({
      replicas: ['gateway', 'timecard', 'analytics', 'export', 'admin', 'admin', 'license'].map(replica),
      license: null,
      natsRttMs: 1,
      storage: { breaker: 'closed', mode: 'direct', journalPending: 0 },
      guild: { activeSessions: 2, activeCategories: 3, archivedCategories: 1 },
    });
    expect(healthy.title).toContain('All systems operational');
    expect(JSON.stringify(healthy)).toContain('**admin** — 2 replicas');
    const down = systemView({
      replicas: [replica('admin')],
      license: null,
      natsRttMs: null,
      storage: { breaker: 'open', mode: 'journal', journalPending: 4 },
      guild: { activeSessions: null, activeCategories: null, archivedCategories: null },
    });
    expect(down.title).toContain('Degraded');
    expect(embedWithinLimits([healthy, down])).toEqual([]);
  });
});

describe('the license in /admin system', () => {
  const DAY = 86_400_000;
  const checkedAt = Date.UTC(2027, 0, 1);
  const license = {
    licenseId: 'lic-7',
    licensee: 'Acme Ltd',
    keyId: 'k1',
    issuedAt: checkedAt - 100 * DAY,
    notBefore: checkedAt - 100 * DAY,
    expiresAt: checkedAt + 60 * DAY,
    limits: {},
    features: [],
  };
  const verdict = (overrides: Partial<LicenseVerdict>): LicenseVerdict => ({
    v: 1,
    valid: true,
    reason: 'valid',
    message: 'licensed to Acme Ltd',
    checkedAt,
    machineMatch: true,
    license,
    ...overrides,
  });
  const field = (v: LicenseVerdict | null) =>
    systemView({
      replicas: [],
      license: v,
      natsRttMs: 1,
      storage: { breaker: 'closed', mode: 'direct', journalPending: 0 },
      guild: { activeSessions: 0, activeCategories: 0, archivedCategories: 0 },
    }).fields?.find((f) => f.name === 'License')?.value;

  it('shows licensee, expiry and machine match next to the services', () => {
    const value = field(verdict({}));
    expect(value).toContain('🟢 Valid');
    expect(value).toContain('Licensee: **Acme Ltd** (license lic-7)');
    expect(value).toContain(`<t:${(checkedAt + 60 * DAY) / 1000}:D>`);
    expect(value).toContain('This machine: listed in the license');
  });

  it('warns from 14 days before expiry', () => {
    expect(field(verdict({ license: { ...license, expiresAt: checkedAt + 14 * DAY } }))).toContain(
      '🟠 Valid, expiring soon',
    );
    expect(field(verdict({ license: { ...license, expiresAt: checkedAt + 15 * DAY } }))).toContain(
      '🟢 Valid',
    );
  });

  it('says why a license is not valid, and when the sidecar is silent', () => {
    const wrong = field(
      verdict({
        valid: false,
        reason: 'wrong-machine',
        message: 'not for this machine',
        machineMatch: false,
      }),
    );
    expect(wrong).toContain('🔴 Not valid: not for this machine');
    expect(wrong).toContain('This machine: **not** listed');
    expect(field(null)).toContain('not answering');
  });
});

describe('option checks', () => {
  it.each([[0], [25], [1.5], [undefined]])('max session %p is refused', (hours) =>
    expect(parseMaxSessionHours(hours).ok).toBe(false),
  );
  it('max session 1 and 24 are accepted', () => {
    expect(parseMaxSessionHours(1)).toEqual({ ok: true, ms: 3_600_000 });
    expect(parseMaxSessionHours(24)).toEqual({ ok: true, ms: 86_400_000 });
  });
  it.each([[-1], [1441], [2000], [2.5]])('reminders %p are refused', (minutes) =>
    expect(parseReminderMinutes(minutes).ok).toBe(false),
  );
  it('reminders 0 turn them off; 1440 is the most', () => {
    expect(parseReminderMinutes(0)).toEqual({ ok: true, intervalMs: null });
    expect(parseReminderMinutes(1440)).toEqual({ ok: true, intervalMs: 86_400_000 });
  });
  it('roles: @everyone and managed roles are unusable; order and Manage Roles are checked', () => {
    expect(unusableRoleReason('5', { id: '5' })).toContain('@everyone');
    expect(unusableRoleReason('5', { id: '6', managed: true })).toContain('managed');
    expect(unusableRoleReason('5', { id: '6', managed: false })).toBeNull();
    const roles = [
      { id: 'bot', position: 10 },
      { id: 'low', position: 2 },
      { id: 'high', position: 20 },
    ];
    expect(botOutranks(roles, ['bot'], 'low')).toBe(true);
    expect(botOutranks(roles, ['bot'], 'high')).toBe(false);
    expect(botOutranks(roles, ['bot'], 'gone')).toBeNull();
    expect(hasManageRoles(String(1n << 28n))).toBe(true);
    expect(hasManageRoles('0')).toBe(false);
    expect(hasManageRoles(undefined)).toBeNull();
  });
});
