import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { RedisServer } from '@timekeeper/testing';
import { DURABLE_REDIS_CONFIG, readDurability, Storage } from '../src';

const ROOT = join(__dirname, '..', '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

describe('one durability setting everywhere', () => {
  // Each place that runs or describes a Redis for Timekeeper, and how it spells the setting.
  const places: [string, string[]][] = [
    ['docker-compose.yml', [`'--appendonly', 'yes'`, `'--appendfsync', 'always'`]],
    ['deploy/k8s/redis-values.yaml', ['appendonly yes', 'appendfsync always']],
    [
      'packages/service-kit/src/supervisor/local-servers.ts',
      [`'--appendonly', 'yes'`, `'--appendfsync', 'always'`],
    ],
    ['README.md', ['`appendonly yes` and `appendfsync always`']],
    ['deploy/README.md', ['`appendonly yes` and `appendfsync always`']],
  ];

  it('is the one storage relies on', () => {
    expect(DURABLE_REDIS_CONFIG).toEqual({ appendonly: 'yes', appendfsync: 'always' });
  });

  it.each(places)('%s states it', (path, spellings) => {
    const text = read(path);
    for (const spelling of spellings) expect(text).toContain(spelling);
    if (!path.endsWith('.md')) expect(text).not.toContain('everysec');
  });

  it('the test harness runs Redis with it, and storage reports it', async () => {
    const durable = await RedisServer.start();
    const volatile = await RedisServer.start({ appendOnly: false });
    const clients = [new Redis(durable.url), new Redis(volatile.url)];
    try {
      expect(await readDurability(clients[0]!)).toBe('durable');
      expect(await readDurability(clients[1]!)).toBe('not-durable');
      const registry = new Registry();
      const storage = await Storage.connect({ redisUrl: durable.url, registry, usageCounters: 'off' });
      await storage.close();
      expect(await registry.getSingleMetricAsString('timekeeper_storage_redis_durable')).toMatch(
        /timekeeper_storage_redis_durable 1$/m,
      );
    } finally {
      for (const client of clients) client.disconnect();
      await Promise.all([durable.destroy(), volatile.destroy()]);
    }
  });
});
