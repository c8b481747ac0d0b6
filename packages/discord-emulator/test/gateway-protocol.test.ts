import WebSocket from 'ws';
import { DiscordEmulator, SnowflakeGenerator, shardForGuild } from '../src';

/** A raw socket for protocol details the high-level client hides. */
async function open(url: string): Promise<{
  ws: WebSocket;
  next: () => Promise<{ op: number; d: unknown; t?: string }>;
  closed: Promise<number>;
}> {
  const ws = new WebSocket(`${url}?v=10&encoding=json`);
  const queue: { op: number; d: unknown; t?: string }[] = [];
  const waiters: ((value: { op: number; d: unknown; t?: string }) => void)[] = [];
  ws.on('message', (data) => {
    const payload = JSON.parse(data.toString()) as { op: number; d: unknown };
    const waiter = waiters.shift();
    if (waiter) waiter(payload);
    else queue.push(payload);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve) => ws.once('open', resolve));
  const next = (): Promise<{ op: number; d: unknown; t?: string }> => {
    const queued = queue.shift();
    return queued ? Promise.resolve(queued) : new Promise((resolve) => waiters.push(resolve));
  };
  return { ws, next, closed };
}

describe('gateway protocol details', () => {
  let emulator: DiscordEmulator;
  beforeAll(async () => {
    emulator = await DiscordEmulator.start({ heartbeatInterval: 250 });
  });
  afterAll(() => emulator.close());

  it('sends HELLO with the configured interval and acks heartbeats', async () => {
    const { ws, next } = await open(emulator.gatewayUrl);
    expect(await next()).toMatchObject({ op: 10, d: { heartbeat_interval: 250 } });
    ws.send(JSON.stringify({ op: 1, d: null }));
    expect((await next()).op).toBe(11);
    ws.close();
  });

  it('closes with 4004 for a bad token and 4010 for an invalid shard', async () => {
    const bad = await open(emulator.gatewayUrl);
    await bad.next();
    bad.ws.send(JSON.stringify({ op: 2, d: { token: 'nope', intents: 0, properties: {}, shard: [0, 1] } }));
    expect(await bad.closed).toBe(4004);
    const shard = await open(emulator.gatewayUrl);
    await shard.next();
    shard.ws.send(
      JSON.stringify({ op: 2, d: { token: emulator.botToken, intents: 0, properties: {}, shard: [2, 2] } }),
    );
    expect(await shard.closed).toBe(4010);
  });

  it('answers RESUME of an unknown session with INVALID_SESSION false', async () => {
    const { ws, next } = await open(emulator.gatewayUrl);
    await next();
    ws.send(JSON.stringify({ op: 6, d: { token: emulator.botToken, session_id: 'unknown', seq: 3 } }));
    expect(await next()).toMatchObject({ op: 9, d: false });
    ws.close();
  });
});

describe('snowflakes', () => {
  it('generates increasing ids and ids on a chosen shard', () => {
    const ids = new SnowflakeGenerator();
    const a = ids.next();
    const onShard = ids.nextForShard(5, 8);
    expect(shardForGuild(onShard, 8)).toBe(5);
    expect(BigInt(ids.next())).toBeGreaterThan(BigInt(onShard));
    expect(BigInt(onShard)).toBeGreaterThan(BigInt(a));
  });
});
