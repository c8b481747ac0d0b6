import { createHash, generateKeyPairSync } from 'node:crypto';
import { licenseLimitProblem } from '@timekeeper/contracts';
import { checkLicense } from '../../src/logic/check';
import { evaluateLicense } from '../../src/logic/evaluate';
import { keyIdOf, parsePublicKeys, rawPublicKey } from '../../src/logic/keys';
import { readLicense, signLicense, type LicensePayload } from '../../src/logic/license-file';
import { hashMachineId, readMachineIdentity, type MachineIdInputs } from '../../src/logic/machine-id';

const DAY = 86_400_000;
const NOW = Date.parse('2027-03-01T12:00:00Z');
const vendor = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const vendorPem = vendor.publicKey.export({ format: 'pem', type: 'spki' }).toString();
const THIS_MACHINE = hashMachineId('0123456789abcdef0123456789abcdef');
const machine = { ok: true as const, id: THIS_MACHINE, source: '/etc/machine-id' as const };

function payload(overrides: Partial<LicensePayload> = {}): LicensePayload {
  return {
    v: 1,
    licenseId: 'lic-1',
    licensee: 'Acme Ltd',
    keyId: keyIdOf(vendor.publicKey),
    issuedAt: NOW - 10 * DAY,
    notBefore: NOW - 10 * DAY,
    expiresAt: NOW + 100 * DAY,
    machineIds: [THIS_MACHINE],
    limits: { shards: 4, servers: 100 },
    features: ['export'],
    ...overrides,
  };
}

const check = (licenseText: string, now = NOW, publicKey: string = vendorPem) =>
  checkLicense({ publicKey, licenseText, machine, now });

/** Re-encodes the payload part of a license file after `change`, keeping the old signature. */
function tamperPayload(text: string, change: (json: Record<string, unknown>) => void): string {
  const line = text.trim().split('\n').at(-1)!;
  const [body, signature] = line.split('.');
  const json = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(json);
  return `${Buffer.from(JSON.stringify(json)).toString('base64url')}.${signature}`;
}

describe('license verification', () => {
  it('accepts a valid license for this machine, with its summary', () => {
    const verdict = check(signLicense(payload(), vendor.privateKey, ['a comment']));
    expect(verdict).toMatchObject({
      valid: true,
      reason: 'valid',
      machineMatch: true,
      checkedAt: NOW,
      license: { licensee: 'Acme Ltd', licenseId: 'lic-1', limits: { shards: 4, servers: 100 } },
    });
    expect(verdict.license).not.toHaveProperty('machineIds');
  });

  it('refuses a license for another machine', () => {
    const verdict = check(
      signLicense(payload({ machineIds: [hashMachineId('f'.repeat(32))] }), vendor.privateKey),
    );
    expect(verdict).toMatchObject({ valid: false, reason: 'wrong-machine', machineMatch: false });
    expect(verdict.message).toContain('pnpm license machine-id');
  });

  it('refuses a tampered payload (this machine added, expiry moved)', () => {
    const signed = signLicense(payload({ machineIds: [hashMachineId('e'.repeat(32))] }), vendor.privateKey);
    const tampered = tamperPayload(signed, (json) => {
      json.machineIds = [THIS_MACHINE];
      json.expiresAt = NOW + 1000 * DAY;
    });
    expect(check(tampered)).toMatchObject({ valid: false, reason: 'bad-signature' });
  });

  it('refuses a tampered signature', () => {
    const line = signLicense(payload(), vendor.privateKey).trim();
    const [body, signature] = line.split('.');
    const bytes = Buffer.from(signature!, 'base64url');
    bytes[10] = bytes[10]! ^ 0x01;
    expect(check(`${body}.${bytes.toString('base64url')}`)).toMatchObject({
      valid: false,
      reason: 'bad-signature',
    });
  });

  it('refuses a license signed with a key the installation does not trust', () => {
    const byOther = signLicense(payload({ keyId: keyIdOf(other.publicKey) }), other.privateKey);
    expect(check(byOther)).toMatchObject({ valid: false, reason: 'unknown-key' });
    // The other key claiming the vendor's key id: the signature does not verify.
    const impostor = signLicense(payload(), other.privateKey);
    expect(check(impostor)).toMatchObject({ valid: false, reason: 'bad-signature' });
  });

  it('accepts licenses of any trusted key while keys rotate (PEM blocks or hex list)', () => {
    const byOther = signLicense(payload({ keyId: keyIdOf(other.publicKey) }), other.privateKey);
    const both = [vendor.publicKey, other.publicKey]
      .map((key) => rawPublicKey(key).toString('hex'))
      .join(',');
    expect(parsePublicKeys(both)).toHaveLength(2);
    expect(check(byOther, NOW, both).valid).toBe(true);
  });

  it('refuses an expired license (the caller passes a clock that never goes back)', () => {
    const text = signLicense(payload({ expiresAt: NOW - DAY }), vendor.privateKey);
    expect(check(text)).toMatchObject({ valid: false, reason: 'expired' });
    expect(check(text, NOW - 2 * DAY).valid).toBe(true);
  });

  it('refuses a license that is not valid yet', () => {
    const text = signLicense(payload({ notBefore: NOW + DAY }), vendor.privateKey);
    expect(check(text)).toMatchObject({ valid: false, reason: 'not-yet-valid' });
  });

  it('refuses usage over the limits', () => {
    const signed = readLicense(signLicense(payload(), vendor.privateKey), [vendor.publicKey]);
    if (!signed.ok) throw new Error(signed.message);
    expect(
      evaluateLicense(signed.payload, { machine, now: NOW, usage: { shards: 4, servers: 100 } }).valid,
    ).toBe(true);
    expect(evaluateLicense(signed.payload, { machine, now: NOW, usage: { shards: 5 } })).toMatchObject({
      valid: false,
      reason: 'limits-exceeded',
    });
    expect(licenseLimitProblem({ servers: 100 }, { servers: 101 })).toContain('101 servers');
    expect(licenseLimitProblem({}, { shards: 1000, servers: 1000 })).toBeUndefined();
  });

  it.each([
    ['no public key', undefined, 'x', 'no-public-key'],
    ['no license file', vendorPem, undefined, 'no-license-file'],
    ['an unreadable file', vendorPem, new Error('ENOENT'), 'unreadable'],
    ['garbage', vendorPem, 'not a license', 'malformed'],
  ] as const)('refuses %s', (_name, publicKey, licenseText, reason) => {
    expect(checkLicense({ publicKey, licenseText, machine, now: NOW })).toMatchObject({
      valid: false,
      reason,
    });
  });

  it('refuses a good license when the machine id is unknown', () => {
    const verdict = checkLicense({
      publicKey: vendorPem,
      licenseText: signLicense(payload(), vendor.privateKey),
      machine: { ok: false, message: 'no machine id' },
      now: NOW,
    });
    expect(verdict).toMatchObject({ valid: false, reason: 'no-machine-id', machineMatch: null });
  });
});

describe('machine identity', () => {
  const inputs = (
    files: Record<string, string>,
    overrides: Partial<MachineIdInputs> = {},
  ): MachineIdInputs => ({
    platform: 'linux',
    hostname: 'c0ffee123456',
    readFile: (path) => files[path],
    nodeMachineId: () => Promise.resolve('c0ffee123456'),
    ...overrides,
  });

  it('reads /etc/machine-id and never returns the raw id', async () => {
    const raw = '0123456789abcdef0123456789abcdef';
    const identity = await readMachineIdentity(inputs({ '/etc/machine-id': `${raw}\n` }));
    expect(identity).toEqual({ ok: true, id: hashMachineId(raw), source: '/etc/machine-id' });
    expect(JSON.stringify(identity)).not.toContain(raw);
    expect(hashMachineId(raw)).not.toBe(createHash('sha256').update(raw).digest('hex'));
  });

  it('falls back to the D-Bus machine id', async () => {
    const identity = await readMachineIdentity(
      inputs({ '/etc/machine-id': '', '/var/lib/dbus/machine-id': 'abcdefabcdefabcdefabcdefabcdefab' }),
    );
    expect(identity).toMatchObject({ ok: true, source: '/var/lib/dbus/machine-id' });
  });

  it('refuses the host-name fallback with how to mount the machine id (container without the files)', async () => {
    const identity = await readMachineIdentity(inputs({ '/etc/machine-id': 'c0ffee123456' }));
    expect(identity.ok).toBe(false);
    if (identity.ok) return;
    expect(identity.message).toContain('/etc/machine-id:/etc/machine-id:ro');
    expect(identity.message).toContain('LICENSE_INSTALLATION_ID');
  });

  it('refuses node-machine-id answering with the host name (other platforms)', async () => {
    const identity = await readMachineIdentity(inputs({}, { platform: 'darwin' }));
    expect(identity).toMatchObject({ ok: false });
    const uuid = '4c4c4544-0042-3510-8052-b4c04f4e4d32';
    const mac = await readMachineIdentity(
      inputs({}, { platform: 'darwin', nodeMachineId: () => Promise.resolve(uuid) }),
    );
    expect(mac).toEqual({ ok: true, id: hashMachineId(uuid), source: 'node-machine-id' });
    const noShell = await readMachineIdentity(
      inputs(
        {},
        { platform: 'darwin', nodeMachineId: () => Promise.reject(new Error('spawn /bin/sh ENOENT')) },
      ),
    );
    expect(noShell).toMatchObject({ ok: false });
  });

  it('accepts an explicit installation id, and refuses a short one', async () => {
    const id = 'acme-prod-7f3c2a91-2d4b';
    expect(await readMachineIdentity(inputs({}, { installationId: id }))).toEqual({
      ok: true,
      id: hashMachineId(id),
      source: 'installation-id',
    });
    expect(await readMachineIdentity(inputs({}, { installationId: 'short' }))).toMatchObject({ ok: false });
  });
});
