import { ChannelType, PermissionFlagsBits, type APIUser } from 'discord-api-types/v10';
import { EmulatorControlError } from './errors';
import { memberPermissions } from './permissions';
import { shardForGuild, type SnowflakeGenerator } from './snowflake';
import type {
  ChannelRecord,
  EmulatorState,
  GuildRecord,
  MemberRecord,
  RoleRecord,
  UserRecord,
} from './state';
import { channelView, guildView, memberView, roleView, userView } from './views';

/** Discord's upload limit per file for bots, unless a guild allows more (DMs: this). */
export const DEFAULT_ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export interface CreateGuildInput {
  id?: string;
  /** Pick an id that routes to this shard (needs `shardCount`). */
  shardId?: number;
  shardCount?: number;
  name?: string;
  ownerId?: string;
  locale?: string;
  /** Permissions of the bot's own managed role (default: Manage Roles, View Channel, Send Messages, Embed Links, Attach Files). */
  botPermissions?: string;
  /** Position of the bot's managed role (default 10). */
  botRolePosition?: number;
  /** Largest file a message may carry in this guild, in bytes (default 10 MiB; boosted guilds allow more). */
  attachmentSizeLimit?: number;
}

export interface CreateRoleInput {
  id?: string;
  name?: string;
  permissions?: string;
  position?: number;
  color?: number;
}

export interface CreateMemberInput {
  userId?: string;
  username?: string;
  roles?: string[];
  /** Extra permission bits (decimal string) on top of roles. */
  permissions?: string;
  admin?: boolean;
  nick?: string;
}

export interface CreateChannelInput {
  id?: string;
  name?: string;
  type?: ChannelType;
}

export const DEFAULT_BOT_PERMISSIONS =
  PermissionFlagsBits.ManageRoles |
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles;

/** The guilds, roles, members, channels and users the emulator knows, and how they look on the wire. */
export class World {
  public constructor(
    public readonly state: EmulatorState,
    public readonly ids: SnowflakeGenerator,
    private readonly bot: { userId: string; username: string },
  ) {
    this.ensureUser({ id: bot.userId, username: bot.username, bot: true });
  }

  public botUser(): APIUser {
    return userView(this.requireUser(this.bot.userId));
  }

  public get botUserId(): string {
    return this.bot.userId;
  }

  public ensureUser(input: { id?: string; username?: string; bot?: boolean }): UserRecord {
    const id = input.id ?? this.ids.next();
    let user = this.state.users.get(id);
    if (!user) {
      user = {
        id,
        username: input.username ?? `user${id.slice(-4)}`,
        globalName: null,
        bot: input.bot ?? false,
      };
      this.state.users.set(id, user);
    } else if (input.username) user.username = input.username;
    return user;
  }

  public requireUser(id: string): UserRecord {
    const user = this.state.users.get(id);
    if (!user) throw new EmulatorControlError(404, `Unknown user ${id}`);
    return user;
  }

  public requireGuild(id: string): GuildRecord {
    const guild = this.state.guilds.get(id);
    if (!guild) throw new EmulatorControlError(404, `Unknown guild ${id}`);
    return guild;
  }

  public createGuild(input: CreateGuildInput): GuildRecord {
    let id = input.id;
    if (id === undefined && input.shardId !== undefined) {
      if (!input.shardCount) throw new EmulatorControlError(400, 'shardId needs shardCount');
      id = this.ids.nextForShard(input.shardId, input.shardCount);
    }
    id ??= this.ids.next();
    if (this.state.guilds.has(id)) throw new EmulatorControlError(409, `Guild ${id} exists`);
    const owner = this.ensureUser(input.ownerId === undefined ? {} : { id: input.ownerId });
    const guild: GuildRecord = {
      id,
      name: input.name ?? `Guild ${id.slice(-4)}`,
      attachmentSizeLimit: input.attachmentSizeLimit ?? DEFAULT_ATTACHMENT_SIZE_LIMIT,
      ownerId: owner.id,
      locale: input.locale ?? 'en-US',
      roles: new Map(),
      members: new Map(),
      channelIds: [],
    };
    this.state.guilds.set(id, guild);
    // @everyone shares the guild's id, as on Discord.
    this.createRole(guild, {
      id,
      name: '@everyone',
      position: 0,
      permissions: String(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages),
    });
    const botRole = this.createRole(guild, {
      name: this.bot.username,
      position: input.botRolePosition ?? 10,
      permissions: input.botPermissions ?? String(DEFAULT_BOT_PERMISSIONS),
    });
    botRole.managed = true;
    this.addMember(guild, { userId: owner.id });
    this.addMember(guild, { userId: this.bot.userId, roles: [botRole.id] });
    this.createChannel(guild, { name: 'general' });
    this.state.changed();
    return guild;
  }

  public createRole(guild: GuildRecord, input: CreateRoleInput): RoleRecord {
    const role: RoleRecord = {
      id: input.id ?? this.ids.next(),
      name: input.name ?? 'new role',
      permissions: BigInt(input.permissions ?? '0'),
      position: input.position ?? 1,
      color: input.color ?? 0,
      hoist: false,
      managed: false,
      mentionable: false,
    };
    guild.roles.set(role.id, role);
    this.state.changed();
    return role;
  }

  public addMember(guild: GuildRecord, input: CreateMemberInput): MemberRecord {
    const user = this.ensureUser({
      ...(input.userId === undefined ? {} : { id: input.userId }),
      ...(input.username === undefined ? {} : { username: input.username }),
    });
    for (const roleId of input.roles ?? []) {
      if (!guild.roles.has(roleId))
        throw new EmulatorControlError(404, `Unknown role ${roleId} in guild ${guild.id}`);
    }
    const member: MemberRecord = {
      userId: user.id,
      roles: [...(input.roles ?? [])],
      nick: input.nick ?? null,
      joinedAt: new Date().toISOString(),
      extraPermissions: BigInt(input.permissions ?? '0'),
      admin: input.admin ?? false,
    };
    guild.members.set(user.id, member);
    this.state.changed();
    return member;
  }

  /** The member leaves the server (the user stays known, as on Discord). */
  public removeMember(guild: GuildRecord, userId: string): void {
    if (userId === this.bot.userId) throw new EmulatorControlError(400, 'The bot cannot leave this way');
    if (!guild.members.delete(userId)) throw new EmulatorControlError(404, `Unknown member ${userId}`);
    this.state.changed();
  }

  public createChannel(guild: GuildRecord, input: CreateChannelInput): ChannelRecord {
    const channel: ChannelRecord = {
      id: input.id ?? this.ids.next(),
      type: input.type ?? ChannelType.GuildText,
      guildId: guild.id,
      name: input.name ?? 'channel',
      recipientId: null,
      messageIds: [],
    };
    this.state.channels.set(channel.id, channel);
    guild.channelIds.push(channel.id);
    this.state.changed();
    return channel;
  }

  /** The bot's DM channel with a user, created on first use (as `POST /users/@me/channels` does). */
  public dmChannelFor(userId: string): ChannelRecord {
    const existing = this.state.dmChannels.get(userId);
    const found = existing ? this.state.channels.get(existing) : undefined;
    if (found) return found;
    const channel: ChannelRecord = {
      id: this.ids.next(),
      type: ChannelType.DM,
      guildId: null,
      name: null,
      recipientId: userId,
      messageIds: [],
    };
    this.state.channels.set(channel.id, channel);
    this.state.dmChannels.set(userId, channel.id);
    this.state.changed();
    return channel;
  }

  public botMember(guild: GuildRecord): MemberRecord {
    const member = guild.members.get(this.bot.userId);
    if (!member) throw new EmulatorControlError(500, `Bot is not in guild ${guild.id}`);
    return member;
  }

  public botPermissions(guild: GuildRecord): bigint {
    return memberPermissions(guild, this.botMember(guild));
  }

  public guildIdsForShard(shardId: number, shardCount: number): string[] {
    return [...this.state.guilds.keys()].filter((id) => shardForGuild(id, shardCount) === shardId);
  }

  public guildCreatePayload(guildId: string): unknown {
    const guild = this.requireGuild(guildId);
    const members = [...guild.members.values()].map((m) => memberView(m, this.requireUser(m.userId)));
    const channels = guild.channelIds.flatMap((id) => {
      const channel = this.state.channels.get(id);
      return channel ? [channelView(channel)] : [];
    });
    return {
      ...guildView(guild),
      joined_at: this.botMember(guild).joinedAt,
      large: false,
      unavailable: false,
      member_count: guild.members.size,
      voice_states: [],
      members,
      channels,
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  public roleViews(guild: GuildRecord): ReturnType<typeof roleView>[] {
    return [...guild.roles.values()].sort((a, b) => a.position - b.position).map(roleView);
  }
}
