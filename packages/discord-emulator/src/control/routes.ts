import type { APIMessage } from 'discord-api-types/v10';
import { EmulatorControlError } from '../errors';
import type { GatewayServer } from '../gateway/server';
import type { InteractionBuilder } from '../interactions/builder';
import type { InteractionDelivery } from '../interactions/delivery';
import { highestRolePosition, memberPermissions } from '../permissions';
import type { FaultInjector, RateLimitFaultSpec, ServerErrorFaultSpec } from '../ratelimit';
import type { RouteRequest, Router } from '../router';
import { shardForGuild } from '../snowflake';
import type { GuildRecord, InteractionEvent, InteractionRecord, StoredFile } from '../state';
import { channelView, roleView } from '../views';
import type {
  CreateChannelInput,
  CreateGuildInput,
  CreateMemberInput,
  CreateRoleInput,
  World,
} from '../world';
import type {
  EmulatorInfo,
  FileView,
  GuildView,
  InjectInteractionInput,
  InteractionEventView,
  InteractionView,
} from './types';

export interface ControlDeps {
  world: World;
  gateway: GatewayServer;
  builder: InteractionBuilder;
  delivery: InteractionDelivery;
  faults: FaultInjector;
  info(): EmulatorInfo;
  advanceClock(ms: number): number;
  setInteractionsEndpoint(url: string | null): void;
  shardCount(): number;
}

const MAX_WAIT_MS = 120_000;

/** The `/__control` routes used by `EmulatorClient` (tests, sandbox, CLI). */
export function registerControlRoutes(router: Router, deps: ControlDeps): void {
  const { world, gateway } = deps;
  const state = world.state;
  const body = <T>(request: RouteRequest): T => (request.body ?? {}) as T;
  const waitMs = (request: RouteRequest): number =>
    Math.min(MAX_WAIT_MS, Math.max(0, Number(request.query.get('waitMs') ?? 0)));
  const ok = (value: unknown): { status: number; body: unknown } => ({ status: 200, body: value ?? null });
  const guildView = (guild: GuildRecord, requestedShardCount?: number): GuildView => {
    const shardCount = requestedShardCount ?? deps.shardCount();
    return {
      id: guild.id,
      name: guild.name,
      shardId: shardForGuild(guild.id, shardCount),
      shardCount,
      channelIds: [...guild.channelIds],
      roles: world.roleViews(guild),
      botRoleId: world.botMember(guild).roles[0] ?? guild.id,
      memberIds: [...guild.members.keys()],
    };
  };
  const fileView = (file: StoredFile): FileView => ({
    id: file.id,
    filename: file.filename,
    contentType: file.contentType,
    size: file.bytes.length,
    data: file.bytes.toString('base64'),
    messageId: file.messageId,
    channelId: file.channelId,
    interactionId: file.interactionId,
  });
  const filesOf = (message: APIMessage | null): FileView[] => {
    if (!message) return [];
    const record = state.messages.get(message.id);
    const ids = new Set(message.attachments.map((a) => a.id));
    return (record?.files ?? []).filter((f) => ids.has(f.id)).map(fileView);
  };
  const eventView = (event: InteractionEvent): InteractionEventView => ({
    ...event,
    files: filesOf(event.message),
  });
  const interaction = (id: string | undefined): InteractionRecord => {
    const found = id === undefined ? undefined : state.interactions.get(id);
    if (!found) throw new EmulatorControlError(404, `Unknown interaction ${id}`);
    return found;
  };
  const interactionView = (record: InteractionRecord): InteractionView => ({
    id: record.id,
    token: record.token,
    type: record.type,
    guildId: record.guildId,
    channelId: record.channelId,
    userId: record.userId,
    shardId: record.shardId,
    createdAt: record.createdAt,
    acknowledged: record.acknowledged,
    originalMessageId: record.originalMessageId,
    followUpIds: [...record.followUpIds],
    events: record.events.map(eventView),
    payload: record.payload,
  });
  const messagesAfter = async (channelId: string, request: RouteRequest): Promise<APIMessage[]> => {
    const after = BigInt(request.query.get('after') ?? '0');
    const found = await state.waitFor(() => {
      const list = state.liveMessages(channelId).filter((m) => BigInt(m.id) > after);
      return list.length > 0 ? list : undefined;
    }, waitMs(request));
    return found ?? [];
  };

  router
    .add('GET', '/info', () => ok(deps.info()))
    .add('POST', '/clock/advance', (r) =>
      ok({ now: deps.advanceClock(Number(body<{ ms?: number }>(r).ms ?? 0)) }),
    )
    .add('PUT', '/interactions-endpoint', (r) => {
      deps.setInteractionsEndpoint(body<{ url?: string | null }>(r).url ?? null);
      return ok(deps.info());
    })
    .add('POST', '/users', (r) => ok(world.ensureUser(body<{ id?: string; username?: string }>(r))))
    .add('POST', '/guilds', (r) => {
      const input = body<CreateGuildInput>(r);
      const withCount =
        input.shardId !== undefined && input.shardCount === undefined
          ? { ...input, shardCount: deps.shardCount() }
          : input;
      return ok(guildView(world.createGuild(withCount), withCount.shardCount));
    })
    .add('GET', '/guilds/:guildId', (r) => ok(guildView(world.requireGuild(r.params.guildId ?? ''))))
    .add('POST', '/guilds/:guildId/roles', (r) =>
      ok(roleView(world.createRole(world.requireGuild(r.params.guildId ?? ''), body<CreateRoleInput>(r)))),
    )
    .add('POST', '/guilds/:guildId/channels', (r) =>
      ok(
        channelView(
          world.createChannel(world.requireGuild(r.params.guildId ?? ''), body<CreateChannelInput>(r)),
        ),
      ),
    )
    .add('POST', '/guilds/:guildId/members', (r) => {
      const guild = world.requireGuild(r.params.guildId ?? '');
      const member = world.addMember(guild, body<CreateMemberInput>(r));
      return ok({
        userId: member.userId,
        roles: member.roles,
        permissions: memberPermissions(guild, member).toString(),
      });
    })
    .add('DELETE', '/guilds/:guildId/members/:userId', (r) => {
      world.removeMember(world.requireGuild(r.params.guildId ?? ''), r.params.userId ?? '');
      return ok({});
    })
    .add('GET', '/guilds/:guildId/members/:userId', (r) => {
      const guild = world.requireGuild(r.params.guildId ?? '');
      const member = guild.members.get(r.params.userId ?? '');
      if (!member) throw new EmulatorControlError(404, `Unknown member ${r.params.userId}`);
      return ok({
        userId: member.userId,
        roles: [...member.roles],
        permissions: memberPermissions(guild, member).toString(),
        highestRolePosition: highestRolePosition(guild, member),
      });
    })
    .add('PATCH', '/guilds/:guildId/bot', (r) => {
      const guild = world.requireGuild(r.params.guildId ?? '');
      const input = body<{ permissions?: string; position?: number }>(r);
      const role = guild.roles.get(world.botMember(guild).roles[0] ?? '');
      if (!role) throw new EmulatorControlError(409, 'The bot has no role in this guild');
      if (input.permissions !== undefined) role.permissions = BigInt(input.permissions);
      if (input.position !== undefined) role.position = input.position;
      state.changed();
      return ok(roleView(role));
    })
    .add('GET', '/guilds/:guildId/role-changes', (r) => {
      const userId = r.query.get('userId');
      return ok(
        state.roleChanges.filter(
          (c) => c.guildId === r.params.guildId && (userId === null || c.userId === userId),
        ),
      );
    })
    .add('POST', '/interactions', async (r) => {
      const input = body<InjectInteractionInput>(r);
      const record = deps.builder.build(input);
      return ok(await deps.delivery.deliver(record, input.delivery));
    })
    .add('GET', '/interactions/:interactionId', (r) =>
      ok(interactionView(interaction(r.params.interactionId))),
    )
    .add('GET', '/interactions/:interactionId/events', async (r) => {
      const record = interaction(r.params.interactionId);
      const after = Number(r.query.get('after') ?? -1);
      const kinds = r.query.getAll('kind');
      const found = await state.waitFor(() => {
        const list = record.events.filter(
          (e) => e.index > after && (kinds.length === 0 || kinds.includes(e.kind)),
        );
        return list.length > 0 ? list : undefined;
      }, waitMs(r));
      return ok((found ?? []).map(eventView));
    })
    .add('GET', '/channels/:channelId/messages', async (r) =>
      ok(await messagesAfter(r.params.channelId ?? '', r)),
    )
    .add('GET', '/users/:userId/dm-messages', async (r) => {
      const channelId = state.dmChannels.get(r.params.userId ?? '');
      if (!channelId) {
        // Wait for the bot to open the DM channel first.
        const opened = await state.waitFor(() => state.dmChannels.get(r.params.userId ?? ''), waitMs(r));
        return ok(opened ? await messagesAfter(opened, r) : []);
      }
      return ok(await messagesAfter(channelId, r));
    })
    .add('GET', '/files', (r) => {
      const filters = ['interactionId', 'messageId', 'channelId'] as const;
      const files = [...state.messages.values()].flatMap((m) => m.files);
      return ok(
        files
          .filter((f) => filters.every((key) => r.query.get(key) === null || f[key] === r.query.get(key)))
          .map(fileView),
      );
    })
    .add('GET', '/commands', () => {
      const guild: Record<string, unknown[]> = {};
      for (const [guildId, commands] of state.guildCommands) guild[guildId] = [...commands.values()];
      return ok({ global: [...state.globalCommands.values()], guild });
    })
    .add('GET', '/requests', (r) => {
      const method = r.query.get('method')?.toUpperCase();
      const path = r.query.get('path');
      return ok(
        state.requestLog.filter(
          (e) => (!method || e.method === method) && (!path || e.path.startsWith(path)),
        ),
      );
    })
    .add('GET', '/faults', () => ok(deps.faults.list()))
    .add('DELETE', '/faults', () => {
      deps.faults.clear();
      return ok({ cleared: true });
    })
    .add('POST', '/faults/rate-limit', (r) => ok(deps.faults.addRateLimit(body<RateLimitFaultSpec>(r))))
    .add('POST', '/faults/server-error', (r) =>
      ok(deps.faults.addServerError(body<ServerErrorFaultSpec>(r))),
    );

  registerGatewayControlRoutes(router, gateway, world, deps, waitMs);
}

function registerGatewayControlRoutes(
  router: Router,
  gateway: GatewayServer,
  world: World,
  deps: ControlDeps,
  waitMs: (request: RouteRequest) => number,
): void {
  const shard = (r: RouteRequest): number => Number(r.params.shardId);
  const input = <T>(r: RouteRequest): T => (r.body ?? {}) as T;
  const done = { status: 200, body: { ok: true } };
  router
    .add('GET', '/gateway/shards', () => ({ status: 200, body: gateway.shardStats() }))
    .add('GET', '/gateway/shards/ready', async (r) => {
      const count = Number(r.query.get('count') ?? 1);
      const ready = await world.state.waitFor(() => {
        const stats = gateway.shardStats().filter((s) => s.ready);
        return stats.length >= count ? stats : undefined;
      }, waitMs(r));
      if (!ready) throw new EmulatorControlError(408, `Fewer than ${count} shards ready`);
      return { status: 200, body: gateway.shardStats() };
    })
    .add('POST', '/gateway/shards/:shardId/close', (r) => {
      const { code, reason, invalidate } = input<{ code?: number; reason?: string; invalidate?: boolean }>(r);
      gateway.closeShard(shard(r), code ?? 4000, {
        ...(reason === undefined ? {} : { reason }),
        invalidate: invalidate ?? false,
      });
      return done;
    })
    .add('POST', '/gateway/shards/:shardId/reconnect', (r) => {
      gateway.sendReconnect(shard(r));
      return done;
    })
    .add('POST', '/gateway/shards/:shardId/invalid-session', (r) => {
      gateway.sendInvalidSession(shard(r), input<{ resumable?: boolean }>(r).resumable ?? false);
      return done;
    })
    .add('POST', '/gateway/shards/:shardId/heartbeat', (r) => {
      gateway.requestHeartbeat(shard(r));
      return done;
    })
    .add('POST', '/gateway/heartbeat-acks', (r) => {
      const { shardId, enabled } = input<{ shardId?: number | null; enabled?: boolean }>(r);
      gateway.setHeartbeatAcks(shardId ?? null, enabled ?? true);
      return done;
    })
    .add('POST', '/gateway/dispatch', (r) => {
      const { shardId, guildId, event, data } = input<{
        shardId?: number;
        guildId?: string;
        event: string;
        data: unknown;
      }>(r);
      const target = shardId ?? (guildId === undefined ? 0 : shardForGuild(guildId, deps.shardCount()));
      return { status: 200, body: gateway.dispatch(target, event, data) };
    });
}
