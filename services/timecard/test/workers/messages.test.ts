import { createCustomIdCodec, DISCORD_LIMITS } from '@timekeeper/contracts';
import { DiscordAPIError, HTTPError } from '@discordjs/rest';
import { classifyDiscordError } from '../../src/workers/discord-errors';
import {
  autoClosedMessage,
  reminderMessage,
  roleProblemLine,
  stillWorkingPrompt,
  stoppedAtModal,
  type MessageBody,
} from '../../src/workers/messages';

const codec = createCustomIdCodec({ secret: 'a-test-secret-of-32-characters!!' });
const GUILD = '1234567890123456789';
const SESSION = '3f1c2a4e-9b7d-4c21-8e55-0a1b2c3d4e5f';
const LONG = 'x'.repeat(50) + '*_`|';

function buttons(body: MessageBody): { custom_id: string; label: string }[] {
  return (body.components ?? []).flatMap(
    (row) => (row as { components: { custom_id: string; label: string }[] }).components,
  );
}

describe('messages', () => {
  it('stay within Discord limits, with decodable custom_ids carrying guild and session', () => {
    const bodies = [
      reminderMessage(codec, { guildId: GUILD, sessionId: SESSION, category: LONG, startedAt: 1e12 }),
      stillWorkingPrompt(codec, {
        guildId: GUILD,
        sessionId: SESSION,
        category: LONG,
        startedAt: 1e12,
        lastActiveAt: 1e12,
        closeAt: 1e12 + 3_600_000,
      }),
    ];
    for (const body of bodies) {
      expect(body.content!.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
      expect(body.allowed_mentions).toEqual({ parse: [] });
      for (const b of buttons(body)) {
        expect(b.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
        expect(b.label.length).toBeLessThanOrEqual(DISCORD_LIMITS.label);
        const decoded = codec.decode(b.custom_id);
        expect(decoded.ok && decoded.value.args[0]).toBe(GUILD);
      }
    }
    expect(bodies[0]!.content).toContain('<t:1000000000:R>');
    expect(bodies[0]!.content).toContain('\\*\\_\\`\\|'); // markdown in a category name is escaped
    const modal = stoppedAtModal(codec, GUILD, SESSION);
    expect(modal.title.length).toBeLessThanOrEqual(DISCORD_LIMITS.modalTitle);
    expect(modal.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
  });

  it('says what was credited, that an admin will review, and offers "I worked until…"', () => {
    const body = autoClosedMessage(codec, {
      guildId: GUILD,
      sessionId: SESSION,
      category: 'work',
      start: 1e12,
      end: 1e12,
      durationMs: 0,
      closedAt: 1e12 + 3_600_000,
    });
    const text = body.content!;
    expect(text).toMatch(/review/);
    expect(text).toContain('0m credited');
    const button = (body.components![0] as { components: { label: string; custom_id: string }[] })
      .components[0]!;
    expect(button.label).toBe('I worked until…');
    expect(button.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
    expect(codec.decode(button.custom_id)).toMatchObject({
      ok: true,
      value: { action: 'dm-until', args: [GUILD, SESSION, (1e12 + 3_600_000).toString(36)] },
    });
  });

  it('explains a role problem in one line without pinging anyone', () => {
    const line = roleProblemLine('forbidden', { userId: '1', roleId: '2', action: 'add' });
    expect(line).toBe(
      "⚠️ Couldn't give <@1> the <@&2> role: Timekeeper's role must be above it and have Manage Roles.",
    );
  });
});

describe('classifyDiscordError', () => {
  const api = (status: number, code: number) =>
    new DiscordAPIError({ code, message: 'x' }, code, status, 'PUT', '/x', {
      body: undefined,
      files: undefined,
    });
  it.each([
    [api(403, 50013), 'forbidden'],
    [api(404, 10011), 'unknown-role'],
    [api(404, 10007), 'unknown-member'],
    [api(403, 50007), 'dm-closed'],
    [api(400, 50035), 'rejected'],
    [new HTTPError(502, 'Bad Gateway', 'PUT', '/x', { body: undefined, files: undefined }), 'transient'],
    [new Error('socket hang up'), 'transient'],
  ])('%p → %p', (error, kind) => {
    expect(classifyDiscordError(error)).toBe(kind);
  });
});
