import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ButtonStyle,
  ComponentType,
  InteractionContextType,
  InteractionType,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIMessage,
  type Locale,
} from 'discord-api-types/v10';
import { EmulatorControlError } from '../errors';
import type { MessageService } from '../messages';
import { memberPermissions } from '../permissions';
import type { ChannelRecord, GuildRecord, InteractionRecord } from '../state';
import { channelView, memberView, roleView, userView } from '../views';
import { DEFAULT_ATTACHMENT_SIZE_LIMIT, type World } from '../world';
import type { InjectInteractionInput, InteractionTarget, OptionValue, SlashInput } from '../control/types';

/** What a DM interaction's app_permissions carry (no guild roles to compute from). */
const DM_APP_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles;

/** Builds real `APIInteraction` payloads from short control-API descriptions. */
export class InteractionBuilder {
  public constructor(
    private readonly world: World,
    private readonly messages: MessageService,
    private readonly applicationId: string,
    private readonly now: () => number,
  ) {}

  public build(input: InjectInteractionInput): InteractionRecord {
    const context = this.context(input);
    const id = this.world.ids.next();
    const token = `${Buffer.from(`interaction:${id}`).toString('base64url')}.${randomBytes(48).toString('base64url')}`;
    let type: InteractionType;
    let data: unknown;
    let message: APIMessage | undefined;
    switch (input.kind) {
      case 'slash':
      case 'autocomplete': {
        type =
          input.kind === 'slash'
            ? InteractionType.ApplicationCommand
            : InteractionType.ApplicationCommandAutocomplete;
        data = this.commandData(input, context.guild, input.kind === 'autocomplete' ? input.focused : null);
        break;
      }
      case 'button':
      case 'select': {
        type = InteractionType.MessageComponent;
        message = this.sourceMessage(context.channel, input.customId, input.messageId, input.kind);
        data =
          input.kind === 'button'
            ? { custom_id: input.customId, component_type: ComponentType.Button }
            : {
                custom_id: input.customId,
                component_type: ComponentType.StringSelect,
                values: [...input.values],
              };
        break;
      }
      case 'modal': {
        type = InteractionType.ModalSubmit;
        if (input.messageId !== undefined)
          message = this.messages.get(context.channel.id, input.messageId).message;
        data = {
          custom_id: input.customId,
          components: Object.entries(input.fields).map(([customId, value]) => ({
            type: ComponentType.ActionRow,
            components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
          })),
        };
        break;
      }
    }
    const payload = {
      id,
      application_id: this.applicationId,
      type,
      data,
      token,
      version: 1,
      locale: (input.locale ?? 'en-US') as Locale,
      entitlements: [],
      attachment_size_limit: context.guild?.attachmentSizeLimit ?? DEFAULT_ATTACHMENT_SIZE_LIMIT,
      channel_id: context.channel.id,
      channel: channelView(context.channel, context.guild ? undefined : this.world.requireUser(input.userId)),
      ...(message ? { message } : {}),
      ...this.actor(context.guild, input.userId),
    } as unknown as APIInteraction;
    return {
      id,
      token,
      type,
      payload,
      createdAt: this.now(),
      guildId: context.guild?.id ?? null,
      channelId: context.channel.id,
      userId: input.userId,
      shardId: 0,
      acknowledged: false,
      originalMessageId: null,
      sourceMessageId: message?.id ?? null,
      followUpIds: [],
      events: [],
    };
  }

  private context(target: InteractionTarget): { guild: GuildRecord | null; channel: ChannelRecord } {
    this.world.ensureUser({ id: target.userId });
    if (target.guildId === undefined) {
      return { guild: null, channel: this.world.dmChannelFor(target.userId) };
    }
    const guild = this.world.requireGuild(target.guildId);
    // Injecting for a user who is not a member yet adds them, so tests stay short.
    if (!guild.members.has(target.userId)) this.world.addMember(guild, { userId: target.userId });
    const channelId = target.channelId ?? guild.channelIds[0];
    const channel = channelId === undefined ? undefined : this.world.state.channels.get(channelId);
    if (!channel || channel.guildId !== guild.id)
      throw new EmulatorControlError(404, `Unknown channel ${channelId} in guild ${guild.id}`);
    return { guild, channel };
  }

  private actor(guild: GuildRecord | null, userId: string): Record<string, unknown> {
    const user = this.world.requireUser(userId);
    if (!guild) {
      return {
        user: userView(user),
        app_permissions: DM_APP_PERMISSIONS.toString(),
        context: InteractionContextType.BotDM,
        authorizing_integration_owners: { [ApplicationIntegrationType.UserInstall]: userId },
      };
    }
    const member = guild.members.get(userId);
    if (!member) throw new EmulatorControlError(404, `Unknown member ${userId}`);
    return {
      guild_id: guild.id,
      guild: { id: guild.id, locale: guild.locale, features: [] },
      guild_locale: guild.locale,
      member: { ...memberView(member, user), permissions: memberPermissions(guild, member).toString() },
      app_permissions: this.world.botPermissions(guild).toString(),
      context: InteractionContextType.Guild,
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
    };
  }

  private findCommand(name: string, guild: GuildRecord | null): APIApplicationCommand | undefined {
    const scoped = guild ? this.world.state.guildCommands.get(guild.id) : undefined;
    const matches = (c: APIApplicationCommand): boolean =>
      c.name === name && (c.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
    return (
      [...(scoped?.values() ?? [])].find(matches) ??
      [...this.world.state.globalCommands.values()].find(matches)
    );
  }

  private commandData(input: SlashInput, guild: GuildRecord | null, focused: string | null): unknown {
    const command = this.findCommand(input.name, guild);
    const resolved: APIInteractionDataResolved = {};
    let definitions: readonly APIApplicationCommandOption[] = command?.options ?? [];
    // Option types come from the registered command when there is one, so ids get `resolved` entries.
    const descend = (name: string, type: ApplicationCommandOptionType): void => {
      const found = definitions.find((d) => d.name === name && d.type === type);
      definitions = found && 'options' in found && found.options ? found.options : [];
    };
    if (input.subcommandGroup !== undefined)
      descend(input.subcommandGroup, ApplicationCommandOptionType.SubcommandGroup);
    if (input.subcommand !== undefined) descend(input.subcommand, ApplicationCommandOptionType.Subcommand);
    const leaves = Object.entries(input.options ?? {}).map(([name, value]) =>
      this.option(
        name,
        value,
        definitions.find((d) => d.name === name)?.type,
        name === focused,
        guild,
        resolved,
      ),
    );
    let options = leaves as unknown as APIApplicationCommandInteractionDataOption[];
    if (input.subcommand !== undefined) {
      options = [
        { type: ApplicationCommandOptionType.Subcommand, name: input.subcommand, options: leaves },
      ] as unknown as APIApplicationCommandInteractionDataOption[];
    }
    if (input.subcommandGroup !== undefined) {
      options = [
        { type: ApplicationCommandOptionType.SubcommandGroup, name: input.subcommandGroup, options },
      ] as APIApplicationCommandInteractionDataOption[];
    }
    return {
      id: command?.id ?? this.world.ids.next(),
      name: input.name,
      type: ApplicationCommandType.ChatInput,
      ...(guild ? { guild_id: guild.id } : {}),
      options,
      ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
    };
  }

  private option(
    name: string,
    value: OptionValue,
    declared: ApplicationCommandOptionType | undefined,
    focused: boolean,
    guild: GuildRecord | null,
    resolved: APIInteractionDataResolved,
  ): Record<string, unknown> {
    const type = declared ?? inferType(value);
    const id = String(value);
    if (type === ApplicationCommandOptionType.User || type === ApplicationCommandOptionType.Mentionable) {
      const role = guild?.roles.get(id);
      if (role) (resolved.roles ??= {})[id] = roleView(role);
      else {
        const user = this.world.ensureUser({ id });
        (resolved.users ??= {})[id] = userView(user);
        const member = guild?.members.get(id);
        if (guild && member) {
          const { user: _omit, ...rest } = memberView(member, user);
          (resolved.members ??= {})[id] = {
            ...rest,
            permissions: memberPermissions(guild, member).toString(),
          } as never;
        }
      }
    } else if (type === ApplicationCommandOptionType.Role) {
      const role = guild?.roles.get(id);
      if (!role) throw new EmulatorControlError(404, `Unknown role ${id}`);
      (resolved.roles ??= {})[id] = roleView(role);
    } else if (type === ApplicationCommandOptionType.Channel) {
      const channel = this.world.state.channels.get(id);
      if (!channel) throw new EmulatorControlError(404, `Unknown channel ${id}`);
      (resolved.channels ??= {})[id] = { ...channelView(channel), permissions: '0' } as never;
    }
    return { name, type, value: focused ? String(value) : value, ...(focused ? { focused: true } : {}) };
  }

  private sourceMessage(
    channel: ChannelRecord,
    customId: string,
    messageId: string | undefined,
    kind: 'button' | 'select',
  ): APIMessage {
    if (messageId !== undefined) return this.messages.get(channel.id, messageId).message;
    const component =
      kind === 'button'
        ? {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            custom_id: customId,
            label: customId.slice(0, 80),
          }
        : {
            type: ComponentType.StringSelect,
            custom_id: customId,
            options: [{ label: 'option', value: 'option' }],
          };
    return this.messages.create(
      channel.id,
      { content: '', components: [{ type: ComponentType.ActionRow, components: [component] }] },
      [],
    ).message;
  }
}

function inferType(value: OptionValue): ApplicationCommandOptionType {
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}
