import { PermissionFlagsBits } from 'discord-api-types/v10';
import { DiscordApiError } from '../errors';
import { highestRolePosition } from '../permissions';
import type { RouteRequest, Router } from '../router';
import { shardForGuild } from '../snowflake';
import type { GuildRecord, MemberRecord } from '../state';
import { channelView, guildView, memberView } from '../views';
import type { RestContext } from './context';

/** Guild, roles, members and member-role changes, with Discord's role hierarchy checks. */
export function registerGuildRoutes(router: Router, ctx: RestContext): void {
  const guild = (id: string | undefined): GuildRecord => {
    const found = id === undefined ? undefined : ctx.state.guilds.get(id);
    if (!found) throw DiscordApiError.unknown('guild');
    return found;
  };
  const member = (g: GuildRecord, userId: string | undefined): MemberRecord => {
    const found = userId === undefined ? undefined : g.members.get(userId);
    if (!found) throw DiscordApiError.unknown('member');
    return found;
  };

  router.add('GET', '/guilds/:guildId', ({ params }) => ({
    status: 200,
    body: guildView(guild(params.guildId)),
  }));

  router.add('GET', '/guilds/:guildId/roles', ({ params }) => ({
    status: 200,
    body: ctx.world.roleViews(guild(params.guildId)),
  }));

  router.add('GET', '/guilds/:guildId/channels', ({ params }) => {
    const g = guild(params.guildId);
    const channels = g.channelIds.flatMap((id) => {
      const channel = ctx.state.channels.get(id);
      return channel ? [channelView(channel)] : [];
    });
    return { status: 200, body: channels };
  });

  router.add('GET', '/guilds/:guildId/members/:userId', ({ params }) => {
    const g = guild(params.guildId);
    const m = member(g, params.userId);
    return { status: 200, body: memberView(m, ctx.world.requireUser(m.userId)) };
  });

  const changeRole = (request: RouteRequest, action: 'add' | 'remove'): { status: number } => {
    const { params, headers } = request;
    const g = guild(params.guildId);
    const m = member(g, params.userId);
    const role = g.roles.get(params.roleId ?? '');
    if (!role) throw DiscordApiError.unknown('role');
    const bot = ctx.world.botMember(g);
    const canManage = (ctx.world.botPermissions(g) & PermissionFlagsBits.ManageRoles) !== 0n;
    // Discord lets a bot manage only roles strictly below its own highest role, and never managed ones.
    if (!canManage || role.managed || role.id === g.id || role.position >= highestRolePosition(g, bot)) {
      throw DiscordApiError.missingPermissions();
    }
    const has = m.roles.includes(role.id);
    if (action === 'add' && !has) m.roles.push(role.id);
    if (action === 'remove' && has) m.roles = m.roles.filter((id) => id !== role.id);
    const rawReason = headers['x-audit-log-reason'];
    ctx.state.roleChanges.push({
      guildId: g.id,
      userId: m.userId,
      roleId: role.id,
      action,
      reason: typeof rawReason === 'string' ? decodeURIComponent(rawReason) : null,
      at: Date.now(),
    });
    const shardCount = ctx.gateway.identifiedShardCount();
    if (shardCount !== null && ctx.gateway.hasSession(shardForGuild(g.id, shardCount))) {
      ctx.gateway.dispatch(shardForGuild(g.id, shardCount), 'GUILD_MEMBER_UPDATE', {
        guild_id: g.id,
        ...memberView(m, ctx.world.requireUser(m.userId)),
      });
    }
    ctx.state.changed();
    return { status: 204 };
  };

  router.add('PUT', '/guilds/:guildId/members/:userId/roles/:roleId', (request) =>
    changeRole(request, 'add'),
  );
  router.add('DELETE', '/guilds/:guildId/members/:userId/roles/:roleId', (request) =>
    changeRole(request, 'remove'),
  );
}
