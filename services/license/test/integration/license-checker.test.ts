import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { LicenseVerdict, decode, subjects } from '@timekeeper/contracts';
import { LicenseVerdictStore, connectGatewayRedis, type Redis } from '@timekeeper/storage/gateway';
import { NatsServer, RedisServer } from '@timekeeper/testing';
import { createLogger } from '@timekeeper/service-kit';
import { Registry } from 'prom-client';
import { keyIdOf, rawPublicKey } from '../../src/logic/keys';
import { signLicense } from '../../src/logic/license-file';
import { hashMachineId } from '../../src/logic/machine-id';
import { licenseMetrics } from '../../src/metrics';
import { LicenseChecker } from '../../src/workers/license-checker';

const DAY = 86_400_000;
const EXPIRES = Date.UTC(2027, 5, 1);
const vendor = generateKeyPairSync('ed25519');
const machine = {
  ok: true as const,
  id: hashMachineId('0123456789abcdef0123456789abcdef'),
  source: '/etc/machine-id' as const,
};

let redisServer: RedisServer;
let natsServer: NatsServer;
let redis: Redis;
let nc: NatsConnection;
let licenseFile: string;

beforeAll(async () => {
  [redisServer, natsServer] = await Promise.all([RedisServer.start(), NatsServer.start()]);
  redis = await connectGatewayRedis(redisServer.url);
  nc = await connect({ servers: natsServer.url });
  licenseFile = join(mkdtempSync(join(tmpdir(), 'tk-license-')), 'timekeeper.license');
  writeFileSync(
    licenseFile,
    signLicense(
      {
        v: 1,
        licenseId: 'lic-1',
        licensee: 'Acme Ltd',
        keyId: keyIdOf(vendor.publicKey),
        issuedAt: EXPIRES - 100 * DAY,
        notBefore: EXPIRES - 100 * DAY,
        expiresAt: EXPIRES,
        machineIds: [machine.id],
        limits: {},
        features: [],
      },
      vendor.privateKey,
    ),
  );
});
afterAll(async () => {
  await nc?.close();
  redis?.disconnect();
  await Promise.all([redisServer?.destroy(), natsServer?.destroy()]);
});

function checker(now: () => number): LicenseChecker {
  return new LicenseChecker({
    nc,
    store: new LicenseVerdictStore(redis),
    logger: createLogger({ service: 'license', instance: 'test', level: 'silent' }),
    metrics: licenseMetrics(new Registry()),
    machine,
    licenseFile,
    publicKey: rawPublicKey(vendor.publicKey).toString('hex'),
    now,
  });
}

describe('the license checker against real Redis and NATS', () => {
  it('broadcasts its verdict and keeps the last valid one in Redis', async () => {
    const heard: LicenseVerdict[] = [];
    const subscription = nc.subscribe(subjects.licenseStatus, {
      callback: (_error, msg) => {
        const verdict = decode(LicenseVerdict, msg.data);
        if (verdict.ok) heard.push(verdict.value);
      },
    });
    const verdict = await checker(() => EXPIRES - 10 * DAY).check();
    await nc.flush();
    await new Promise((resolve) => setTimeout(resolve, 100));
    subscription.unsubscribe();
    expect(verdict).toMatchObject({ valid: true, machineMatch: true, license: { licensee: 'Acme Ltd' } });
    expect(heard).toEqual([verdict]);
    expect(JSON.parse((await new LicenseVerdictStore(redis).lastGoodVerdict()) ?? '{}')).toEqual(verdict);
  });

  it('stays expired when the clock is set back, even in a new process (latest time seen in Redis)', async () => {
    expect((await checker(() => EXPIRES + DAY).check()).reason).toBe('expired');
    const restarted = checker(() => EXPIRES - 30 * DAY);
    const verdict = await restarted.check();
    expect(verdict).toMatchObject({ valid: false, reason: 'expired' });
    expect(verdict.checkedAt).toBeGreaterThanOrEqual(EXPIRES + DAY);
    expect(await new LicenseVerdictStore(redis).observeTime(EXPIRES - 30 * DAY)).toBeGreaterThanOrEqual(
      EXPIRES + DAY,
    );
  });
});
