import { LicenseVerdict, encode, subjects } from '@timekeeper/contracts';
import { useAdminHarness } from '../support/harness';

jest.setTimeout(60_000);

const h = useAdminHarness();

describe('guild isolation', () => {
  it("refuses a list button from guild A clicked in guild B and shows nothing of A's", async () => {
    const a = await h.guild();
    const b = await h.guild();
    for (let i = 0; i < 8; i++) {
      await h.driver.slash({
        guildId: a.guildId,
        userId: a.adminId,
        name: 'admin',
        subcommandGroup: 'categories',
        subcommand: 'add',
        options: { name: `secret ${i}` },
      });
    }
    const list = await h.driver.slash({
      guildId: a.guildId,
      userId: a.adminId,
      name: 'admin',
      subcommandGroup: 'categories',
      subcommand: 'list',
    });
    const next = list.customIds[1]!;
    expect(next).toContain(a.guildId);

    const inB = await h.driver.click({ guildId: b.guildId, userId: b.adminId, customId: next });
    expect(inB.errorCode).toBe('FORBIDDEN');
    expect(inB.text).toContain('belongs to another server');
    expect(inB.text).not.toContain('secret');

    const tampered = await h.driver.click({
      guildId: b.guildId,
      userId: b.adminId,
      customId: next.replace(a.guildId, b.guildId),
    });
    expect(tampered.errorCode).toBe('EXPIRED_COMPONENT');

    const inA = await h.driver.click({ guildId: a.guildId, userId: a.adminId, customId: next });
    expect(inA.errorCode).toBeUndefined();
    expect(inA.text).toContain('secret');
  });

  it("keeps each guild's categories and settings apart", async () => {
    const a = await h.guild();
    const b = await h.guild();
    await h.driver.slash({
      guildId: a.guildId,
      userId: a.adminId,
      name: 'admin',
      subcommandGroup: 'categories',
      subcommand: 'add',
      options: { name: 'only in a' },
    });
    await h.driver.slash({
      guildId: a.guildId,
      userId: a.adminId,
      name: 'config',
      subcommand: 'timezone',
      options: { zone: 'Asia/Tokyo' },
    });
    const listB = await h.driver.slash({
      guildId: b.guildId,
      userId: b.adminId,
      name: 'admin',
      subcommandGroup: 'categories',
      subcommand: 'list',
    });
    expect(listB.text).not.toContain('only in a');
    const showB = await h.driver.slash({
      guildId: b.guildId,
      userId: b.adminId,
      name: 'config',
      subcommand: 'show',
    });
    expect(showB.text).toContain('UTC');
    expect(showB.text).not.toContain('Tokyo');
  });
});

describe('/admin system', () => {
  it('shows the replicas answering discovery, storage and this server', async () => {
    const g = await h.guild();
    const answer = await h.driver.slash({
      guildId: g.guildId,
      userId: g.adminId,
      name: 'admin',
      subcommand: 'system',
    });
    expect(answer.errorCode).toBeUndefined();
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain('🟢 **admin** — 1 replica');
    expect(answer.text).toContain('🔴 **timecard** — not answering');
    expect(answer.text).toContain('Redis circuit: **closed**');
    expect(answer.text).toContain('Categories: 3 active, 0 archived');
    expect(answer.text).toContain('Clocked in now: 0');
    expect(answer.text).toContain('The license sidecar is not answering');
  });

  it('shows the license sidecar`s verdict: licensee, expiry and machine match', async () => {
    const g = await h.guild();
    const expiresAt = Date.UTC(2031, 0, 1);
    const verdict: LicenseVerdict = {
      v: 1,
      valid: true,
      reason: 'valid',
      message: 'licensed to Acme Ltd until 2031-01-01',
      checkedAt: Date.now(),
      machineMatch: true,
      license: {
        licenseId: 'lic-42',
        licensee: 'Acme Ltd',
        keyId: 'k1',
        issuedAt: Date.UTC(2026, 0, 1),
        notBefore: Date.UTC(2026, 0, 1),
        expiresAt,
        limits: {},
        features: [],
      },
    };
    const sidecar = h.nc.subscribe(subjects.licenseStatusRequest, {
      callback: (_error, msg) => {
        const body = encode(LicenseVerdict, verdict);
        if (body.ok) msg.respond(body.value);
      },
    });
    try {
      await h.nc.flush();
      const answer = await h.driver.slash({
        guildId: g.guildId,
        userId: g.adminId,
        name: 'admin',
        subcommand: 'system',
      });
      expect(answer.text).toContain('🟢 Valid');
      expect(answer.text).toContain('Licensee: **Acme Ltd** (license lic-42)');
      expect(answer.text).toContain(`<t:${expiresAt / 1000}:D>`);
      expect(answer.text).toContain('This machine: listed in the license');
    } finally {
      sidecar.unsubscribe();
    }
  });
});
