import { WebSocketManager, WebSocketShardEvents } from '@discordjs/ws';
import type { REST } from '@discordjs/rest';
import type { GatewayDispatchPayload } from 'discord-api-types/v10';
import type { DiscordEmulator } from '../src/index';
import { shardForGuild } from '../src/index';
import { eventually, startWithRest } from './support';

const SHARDS = 4;

describe('a real 4-shard WebSocketManager against the emulator', () => {
  let emulator: DiscordEmulator;
  let rest: REST;
  let stop: () => Promise<void>;
  let manager: WebSocketManager;
  const dispatches: { payload: GatewayDispatchPayload; shardId: number }[] = [];
  const guildIds: string[] = [];

  beforeAll(async () => {
    ({ emulator, rest, stop } = await startWithRest({
      heartbeatInterval: 1000,
      recommendedShards: SHARDS,
      maxConcurrency: SHARDS,
    }));
    for (let shardId = 0; shardId < SHARDS; shardId++) {
      guildIds.push((await emulator.control.createGuild({ shardId, shardCount: SHARDS })).id);
    }
    manager = new WebSocketManager({ token: emulator.botToken, intents: 0, rest, shardCount: SHARDS });
    manager.on(WebSocketShardEvents.Dispatch, (payload, shardId) => dispatches.push({ payload, shardId }));
    await manager.connect();
  });

  afterAll(async () => {
    await manager.destroy();
    await stop();
  });

  it('gets READY and one GUILD_CREATE per guild on every shard', async () => {
    const ready = dispatches.filter((d) => d.payload.t === 'READY');
    expect(ready.map((d) => d.shardId).sort()).toEqual([0, 1, 2, 3]);
    for (const { payload, shardId } of ready) {
      if (payload.t !== 'READY') continue;
      expect(payload.d.shard).toEqual([shardId, SHARDS]);
      expect(payload.d.resume_gateway_url).toBe(emulator.gatewayUrl);
      expect(payload.d.application.id).toBe(emulator.applicationId);
      expect(payload.d.guilds).toEqual([{ id: guildIds[shardId], unavailable: true }]);
    }
    await eventually(() => dispatches.filter((d) => d.payload.t === 'GUILD_CREATE').length === SHARDS);
    for (const { payload, shardId } of dispatches.filter((d) => d.payload.t === 'GUILD_CREATE')) {
      if (payload.t === 'GUILD_CREATE') expect(shardForGuild(payload.d.id, SHARDS)).toBe(shardId);
    }
    const stats = await emulator.control.shards();
    expect(stats.map((s) => [s.shardId, s.identifies, s.resumes])).toEqual([
      [0, 1, 0],
      [1, 1, 0],
      [2, 1, 0],
      [3, 1, 0],
    ]);
  });

  it('routes each guild interaction to the shard that owns the guild', async () => {
    for (const guildId of guildIds) {
      const guild = await emulator.control.guild(guildId);
      const injected = await emulator.control.slash({
        guildId,
        userId: '200000000000000001',
        name: 'status',
      });
      expect(injected.shardId).toBe(guild.shardId);
      await eventually(() =>
        dispatches.some((d) => d.payload.t === 'INTERACTION_CREATE' && d.payload.d.id === injected.id),
      );
      const received = dispatches.find(
        (d) => d.payload.t === 'INTERACTION_CREATE' && d.payload.d.id === injected.id,
      );
      expect(received?.shardId).toBe(shardForGuild(guildId, SHARDS));
    }
  });

  it('resumes after a resumable close and replays dispatches sent meanwhile, without a new IDENTIFY', async () => {
    const guildId = guildIds[2] ?? '';
    const resumed = new Promise<void>((resolve) =>
      manager.once(WebSocketShardEvents.Resumed, () => resolve()),
    );
    await emulator.control.closeShard(2, 4000);
    // Sent while shard 2 is disconnected: buffered in its session.
    const missed = await emulator.control.slash({ guildId, userId: '200000000000000002', name: 'status' });
    expect(missed.live).toBe(false);
    await resumed;
    await eventually(() =>
      dispatches.some((d) => d.payload.t === 'INTERACTION_CREATE' && d.payload.d.id === missed.id),
    );
    expect(
      dispatches.find((d) => d.payload.t === 'INTERACTION_CREATE' && d.payload.d.id === missed.id)?.shardId,
    ).toBe(2);
    const stats = await emulator.control.shards();
    expect(stats.map((s) => s.identifies)).toEqual([1, 1, 1, 1]);
    expect(stats.find((s) => s.shardId === 2)?.resumes).toBe(1);
    // Sequence numbers stay monotonic across the resume.
    const seqs = dispatches.filter((d) => d.shardId === 2).map((d) => d.payload.s);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('resumes on RECONNECT (op 7)', async () => {
    const before = (await emulator.control.shards()).find((s) => s.shardId === 1)?.resumes ?? 0;
    const resumed = new Promise<void>((resolve) =>
      manager.once(WebSocketShardEvents.Resumed, () => resolve()),
    );
    await emulator.control.reconnectShard(1);
    await resumed;
    const after = await emulator.control.shards();
    expect(after.find((s) => s.shardId === 1)?.resumes).toBe(before + 1);
    expect(after.map((s) => s.identifies)).toEqual([1, 1, 1, 1]);
  });

  it('detects a zombie connection when ACKs stop, then resumes', async () => {
    const resumed = new Promise<void>((resolve) =>
      manager.once(WebSocketShardEvents.Resumed, () => resolve()),
    );
    await emulator.control.setHeartbeatAcks(false, 3);
    await resumed;
    await emulator.control.setHeartbeatAcks(true, 3);
    const stats = await emulator.control.shards();
    expect(stats.find((s) => s.shardId === 3)?.resumes).toBe(1);
    expect(stats.find((s) => s.shardId === 3)?.identifies).toBe(1);
  });

  it('re-identifies after a non-resumable INVALID_SESSION', async () => {
    const ready = new Promise<number>((resolve) =>
      manager.once(WebSocketShardEvents.Ready, (_data, shardId) => resolve(shardId)),
    );
    await emulator.control.invalidateSession(0, false);
    expect(await ready).toBe(0);
    expect((await emulator.control.shards()).find((s) => s.shardId === 0)?.identifies).toBe(2);
  });

  it('decrements session_start_limit.remaining per IDENTIFY', async () => {
    const info = (await rest.get('/gateway/bot')) as {
      session_start_limit: { total: number; remaining: number; max_concurrency: number };
    };
    const identifies = (await emulator.control.shards()).reduce((sum, s) => sum + s.identifies, 0);
    expect(info.session_start_limit.remaining).toBe(info.session_start_limit.total - identifies);
    expect(info.session_start_limit.max_concurrency).toBe(SHARDS);
  });
});
