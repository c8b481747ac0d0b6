import type { LicenseVerdict } from '@timekeeper/contracts';
import { ForwardClock } from '@timekeeper/service-kit';
import { licenseDecision } from '../src/license/decision';
import { discordTarget, type DiscordTarget } from '../src/license/target';

const NOW = Date.UTC(2027, 0, 1);
const GRACE = 600_000;
const discord: DiscordTarget = { kind: 'discord', host: 'discord.com' };
const verdict = (overrides: Partial<LicenseVerdict> = {}): LicenseVerdict => ({
  v: 1,
  valid: true,
  reason: 'valid',
  message: 'licensed to Acme Ltd until 2027-12-31',
  checkedAt: NOW,
  machineMatch: true,
  license: {
    licenseId: 'lic-1',
    licensee: 'Acme Ltd',
    keyId: 'k',
    issuedAt: NOW - 1,
    notBefore: NOW - 1,
    expiresAt: NOW + 365 * 86_400_000,
    limits: { shards: 2, servers: 10 },
    features: [],
  },
  ...overrides,
});
const decide = (v: LicenseVerdict | undefined, now = NOW, usage = {}) =>
  licenseDecision({ target: discord, verdict: v, now, graceMs: GRACE, usage });

describe('licenseDecision', () => {
  it('serves with a fresh valid verdict', () => {
    expect(decide(verdict())).toEqual({
      allowed: true,
      line: 'licensed: licensed to Acme Ltd until 2027-12-31',
    });
  });

  it('keeps serving while the sidecar is silent within the grace period, and stops past it', () => {
    expect(decide(verdict(), NOW + GRACE).allowed).toBe(true);
    const past = decide(verdict(), NOW + GRACE + 1_000);
    expect(past.allowed).toBe(false);
    expect(past.line).toBe(
      'not serving Discord (discord.com): the last valid license verdict is 601 s old, past the 600 s grace period; the license sidecar is not answering',
    );
  });

  it('refuses without a verdict, with an invalid one, and over a limit', () => {
    expect(decide(undefined).line).toContain('no license verdict yet; is the license sidecar running?');
    expect(decide(verdict({ valid: false, reason: 'expired', message: 'license lic-1 expired' })).line).toBe(
      'not serving Discord (discord.com): license not valid: license lic-1 expired',
    );
    expect(decide(verdict(), NOW, { shards: 3 }).line).toContain(
      'license limit exceeded: 3 shards run but the license allows 2',
    );
    expect(decide(verdict(), NOW, { servers: 11 }).line).toContain('in 11 servers but the license allows 10');
  });

  it('needs no license for the emulator', () => {
    const emulator = licenseDecision({
      target: { kind: 'emulator', host: '127.0.0.1' },
      verdict: undefined,
      now: NOW,
      graceMs: GRACE,
      usage: {},
    });
    expect(emulator).toEqual({
      allowed: true,
      line: 'no license needed: DISCORD_EMULATOR is set and DISCORD_API_URL is the Discord emulator at 127.0.0.1',
    });
  });
});

describe('a clock moved backwards', () => {
  it('does not stretch the grace period: the forward clock keeps counting from the latest time seen', () => {
    let wall = NOW;
    let monotonic = 0;
    const clock = new ForwardClock({ wall: () => wall, monotonic: () => monotonic });
    clock.observe(NOW + 500_000); // seen (and stored) before the clock was set back
    wall = NOW - 86_400_000; // the clock is set back a day
    monotonic += 200_000; // 200 s pass
    expect(clock.now()).toBe(NOW + 700_000);
    expect(decide(verdict(), clock.now()).allowed).toBe(false);
    // With the raw wall clock the verdict would look a day younger than when it was made.
    expect(decide(verdict(), wall).allowed).toBe(true);
  });

  it('follows the wall clock once it is ahead again', () => {
    let wall = NOW;
    const clock = new ForwardClock({ wall: () => wall, monotonic: () => 0 });
    clock.observe(NOW - 1_000);
    expect(clock.now()).toBe(NOW);
    wall = NOW + 5_000;
    expect(clock.now()).toBe(NOW + 5_000);
  });
});

describe('discordTarget', () => {
  it.each([
    ['https://discord.com/api', false, 'discord'],
    ['http://127.0.0.1:8090/api', false, 'discord'],
    ['https://my-proxy.example.net/api', false, 'discord'],
    ['http://127.0.0.1:8090/api', true, 'emulator'],
    ['http://localhost:8090/api', true, 'emulator'],
    ['http://emulator:8090/api', true, 'emulator'],
  ])('%s with DISCORD_EMULATOR=%s is %s', (url, optIn, kind) => {
    const target = discordTarget(url, optIn);
    expect(target.ok && target.target.kind).toBe(kind);
  });

  it.each([
    ['https://discord.com/api', /points at Discord itself/],
    ['https://canary.discord.com/api', /points at Discord itself/],
    ['https://my-proxy.example.net/api', /must run on this machine .* not at my-proxy.example.net/],
    ['http://10.0.0.5:8090/api', /not at 10.0.0.5/],
  ])('refuses DISCORD_EMULATOR=true with %s', (url, message) => {
    const target = discordTarget(url, true);
    expect(target.ok).toBe(false);
    expect(target.ok ? '' : target.message).toMatch(message);
  });
});
