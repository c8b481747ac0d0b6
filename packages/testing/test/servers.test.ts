import { MissingBinaryError, NatsServer, RedisServer, findBinary, rawRedisCommand } from '../src';

describe('RedisServer', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(() => redis.destroy());

  it('answers on its own port and keeps data across kill -9 and restart', async () => {
    expect(await rawRedisCommand(redis.port, 'SET k v')).toBe('+OK');
    await redis.kill();
    expect(redis.running).toBe(false);
    expect(await rawRedisCommand(redis.port, 'PING', 200)).toBe('');
    await redis.start();
    expect(await rawRedisCommand(redis.port, 'GET k')).toBe('$1');
  });
});

describe('NatsServer', () => {
  it('starts with JetStream, stops, restarts on the same port and cleans up', async () => {
    const nats = await NatsServer.start();
    const varz = (await (await fetch(`http://127.0.0.1:${nats.monitorPort}/varz`)).json()) as {
      port: number;
      jetstream?: { config?: unknown };
    };
    expect(varz.port).toBe(nats.port);
    expect(varz.jetstream?.config).toBeDefined();
    await nats.stop();
    expect(nats.running).toBe(false);
    await nats.restart();
    expect(nats.running).toBe(true);
    await nats.destroy();
    const { existsSync } = await import('node:fs');
    expect(existsSync(nats.dataDir)).toBe(false);
  });
});

describe('findBinary', () => {
  it('names the missing binary and how to install it', () => {
    expect(() => findBinary('no-such-server-binary', 'apt-get install -y no-such')).toThrow(
      MissingBinaryError,
    );
    expect(() => findBinary('no-such-server-binary', 'apt-get install -y no-such')).toThrow(
      /'no-such-server-binary' was not found on PATH\. Install it first: apt-get install -y no-such/,
    );
  });
});
