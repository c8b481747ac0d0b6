/** Real redis-server, nats-server (JetStream) and the Discord emulator, with the workers running on a test clock. */
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  DomainEvent,
  createCustomIdCodec,
  decode,
  type CustomIdCodec,
  type InteractionReply,
  type Job,
} from '@timekeeper/contracts';
import { DiscordEmulator } from '@timekeeper/discord-emulator';
import {
  InteractionRouter,
  createDiscordApi,
  createLogger,
  publishJob,
  type Clock,
} from '@timekeeper/service-kit';
import { Storage, type SettingsPatch } from '@timekeeper/storage';
import { NatsServer, RedisServer } from '@timekeeper/testing';
import type { APIInteraction } from 'discord-api-types/v10';
import { Registry } from 'prom-client';
import { registerWorkerInteractions, startTimecardWorkers, type WorkerDeps } from '../../src/workers';

export const H = 3_600_000;
export const M = 60_000;
export const GRACE = H;

export class TestClock implements Clock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
}

export interface Harness {
  redis: RedisServer;
  nats: NatsServer;
  nc: NatsConnection;
  emulator: DiscordEmulator;
  storage: Storage;
  registry: Registry;
  clock: TestClock;
  codec: CustomIdCodec;
  router: InteractionRouter;
  deps: WorkerDeps;
  guildId: string;
  events: DomainEvent[];
  stop(): Promise<void>;
}

let counter = 0;
const eventId = (label: string): string => `${label}-${process.pid}-${++counter}`;

export async function startHarness(start: number): Promise<Harness> {
  const [redis, nats, emulator] = await Promise.all([
    RedisServer.start(),
    NatsServer.start(),
    DiscordEmulator.start({ heartbeatInterval: 1000 }),
  ]);
  const nc = await connect({ servers: nats.url });
  const registry = new Registry();
  const storage = await Storage.connect({ redisUrl: redis.url, registry, usageCounters: 'off' });
  const { api } = createDiscordApi({ token: emulator.botToken, apiUrl: emulator.apiUrl });
  const codec = createCustomIdCodec({ secret: 'workers-test-secret-0123456789ab' });
  const clock = new TestClock(start);
  const logger = createLogger({ service: 'timecard', instance: 'test', level: 'silent' });
  const deps: WorkerDeps = { nc, storage, api, codec, clock, logger, registry };
  const workers = await startTimecardWorkers(deps, { maxWaitMs: 50, retryBaseMs: 50, graceMs: GRACE });
  const router = new InteractionRouter(codec, logger);
  registerWorkerInteractions(router, deps);
  const guild = await emulator.control.createGuild();
  const owner = '900000000000000009';
  await storage.ensureDefaults(guild.id, { eventId: eventId('defaults'), now: start, actor: owner });
  const events: DomainEvent[] = [];
  const sub = nc.subscribe(`tk.v1.event.${guild.id}.>`, {
    callback: (_err, msg) => {
      const decoded = decode(DomainEvent, msg.data);
      if (decoded.ok) events.push(decoded.value);
    },
  });
  return {
    redis,
    nats,
    nc,
    emulator,
    storage,
    registry,
    clock,
    codec,
    router,
    deps,
    guildId: guild.id,
    events,
    async stop() {
      sub.unsubscribe();
      await workers.stop();
      await storage.close();
      await nc.close();
      await Promise.all([emulator.close(), redis.destroy(), nats.destroy()]);
    },
  };
}

export async function configure(h: Harness, patch: SettingsPatch): Promise<void> {
  const r = await h.storage.updateSettings(h.guildId, patch, {
    eventId: eventId('settings'),
    now: h.clock.now(),
    actor: '900000000000000009',
  });
  if (r.status !== 'applied' || !r.outcome.ok) throw new Error('settings refused');
}

export async function newMember(h: Harness): Promise<string> {
  return (await h.emulator.control.addMember(h.guildId, {})).userId;
}

function base(h: Harness, jobId: string) {
  return { v: 1 as const, jobId, guildId: h.guildId, enqueuedAt: h.clock.now() };
}

/** Clocks in through storage and queues exactly the jobs the commands side queues. */
export async function clockIn(h: Harness, userId: string, category = 'work'): Promise<string> {
  const now = h.clock.now();
  const r = await h.storage.clockIn(
    { guildId: h.guildId, userId, category },
    { eventId: eventId('in'), now, actor: userId },
  );
  if (r.status !== 'applied' || !r.outcome.ok) throw new Error('clock-in refused');
  const session = r.outcome.session;
  const settings = await h.storage.getSettings(h.guildId);
  if (!settings.ok) throw new Error('settings');
  const s = settings.value;
  const jobs: Job[] = [];
  for (const roleId of [s.roles.guildRoleId, s.roles.categoryRoleIds[session.category]]) {
    if (!roleId) continue;
    jobs.push({
      ...base(h, `role:${session.id}:add:${roleId}`),
      kind: 'role.change',
      userId,
      roleId,
      action: 'add',
      reason: 'Clocked in',
    });
  }
  if (s.reminderIntervalMs !== null) {
    jobs.push({
      ...base(h, `reminder:${session.id}:1`),
      kind: 'reminder.fire',
      userId,
      sessionId: session.id,
      categoryKey: session.category,
      startedAt: now,
      fireAt: now + s.reminderIntervalMs,
      sequence: 1,
    });
  }
  jobs.push({
    ...base(h, `session-check:${session.id}:first`),
    kind: 'session.check',
    userId,
    sessionId: session.id,
    startedAt: now,
    fireAt: now + s.maxSessionMs,
    stage: 'prompt',
  });
  for (const job of jobs) await publishJob(h.nc, job);
  return session.id;
}

/** Clocks out through storage and queues the role removals, as the commands side does. */
export async function clockOut(h: Harness, userId: string): Promise<void> {
  const r = await h.storage.clockOut(
    { guildId: h.guildId, userId },
    { eventId: eventId('out'), now: h.clock.now(), actor: userId },
  );
  if (r.status !== 'applied' || !r.outcome.ok) throw new Error('clock-out refused');
  const settings = await h.storage.getSettings(h.guildId);
  const roleId = settings.ok ? settings.value.roles.guildRoleId : null;
  if (roleId) {
    await publishJob(h.nc, {
      ...base(h, `role:${r.outcome.session.id}:remove:${roleId}`),
      kind: 'role.change',
      userId,
      roleId,
      action: 'remove',
      reason: 'Clocked out',
    });
  }
}

/** Presses a button on a DM (or submits a modal opened from it) in the emulator and answers it with the workers' router. */
export async function dmInteraction(
  h: Harness,
  userId: string,
  customId: string,
  on: { messageId: string; fields?: Record<string, string> },
): Promise<InteractionReply> {
  const { messageId, fields } = on;
  const injected = fields
    ? await h.emulator.control.submitModal({ userId, customId, fields, messageId })
    : await h.emulator.control.click({ userId, customId, messageId });
  const view = await h.emulator.control.interaction(injected.id);
  const now = Date.now();
  return h.router.dispatch({
    v: 1,
    interaction: view.payload as APIInteraction,
    shardId: 0,
    receivedAt: now,
    deadline: now + 3000,
    mode: 'ws',
  });
}

/** The custom_ids of the buttons on a message, by label. */
export function buttonsOf(message: { components?: unknown[] }): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of (message.components ?? []) as {
    components?: { label?: string; custom_id?: string }[];
  }[]) {
    for (const c of row.components ?? []) if (c.label && c.custom_id) out.set(c.label, c.custom_id);
  }
  return out;
}

export async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
