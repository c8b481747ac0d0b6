import { randomFillSync } from 'node:crypto';
import {
  ErrorCode,
  errorMessage,
  type CustomIdCodec,
  type CustomIdParts,
  type InteractionReply,
  type InteractionRequest,
} from '@timekeeper/contracts';
import {
  ComponentType,
  InteractionType,
  type APIApplicationCommandAutocompleteInteraction,
  type APIChatInputApplicationCommandInteraction,
  type APIInteraction,
  type APIInteractionGuildMember,
  type APIInteractionResponse,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
} from 'discord-api-types/v10';
import type { Logger } from 'pino';
import { CommandOptions } from './options';
import { interactionInputProblem } from './validate-interaction';

/** Throw from a handler to answer the user with a specific error code and message (ephemeral). */
export class InteractionError extends Error {
  override readonly name = 'InteractionError';
  constructor(
    readonly code: ErrorCode,
    message: string = errorMessage(code),
  ) {
    super(message);
  }
}

/** What every handler gets: who acted, where, and a logger that carries the reference id. */
export interface InteractionScope {
  readonly request: InteractionRequest;
  readonly guildId: string;
  readonly channelId: string | undefined;
  readonly userId: string;
  readonly member: APIInteractionGuildMember;
  /** Quoted to the user on errors, and present on every log line of this interaction. */
  readonly referenceId: string;
  readonly logger: Logger;
}

export interface CommandScope extends InteractionScope {
  readonly interaction: APIChatInputApplicationCommandInteraction;
  readonly options: CommandOptions;
}
export interface AutocompleteScope extends InteractionScope {
  readonly interaction: APIApplicationCommandAutocompleteInteraction;
  readonly options: CommandOptions;
}
export interface ComponentScope extends InteractionScope {
  readonly interaction: APIMessageComponentInteraction;
  /** The verified custom_id. */
  readonly customId: CustomIdParts;
  /** Chosen values of a select menu; empty for a button. */
  readonly values: readonly string[];
}
export interface ModalScope extends InteractionScope {
  readonly interaction: APIModalSubmitInteraction;
  readonly customId: CustomIdParts;
  /** Text input values by custom_id. */
  readonly fields: ReadonlyMap<string, string>;
}

/**
 * A button or modal in a direct message (reminders, "still working?"): no guild or member is attached
 * by Discord, so the custom_id must carry what the handler needs (by convention the guild id first).
 */
export interface DirectMessageScope {
  readonly request: InteractionRequest;
  readonly interaction: APIMessageComponentInteraction | APIModalSubmitInteraction;
  readonly userId: string;
  readonly customId: CustomIdParts;
  /** Select values (components) — empty for buttons and modals. */
  readonly values: readonly string[];
  /** Text inputs by custom_id (modals) — empty for components. */
  readonly fields: ReadonlyMap<string, string>;
  readonly referenceId: string;
  readonly logger: Logger;
}

type Handler<S> = (scope: S) => Promise<APIInteractionResponse>;

/**
 * A service's interaction handlers: slash commands by name (optionally with the subcommand path,
 * "admin categories add"), autocomplete by command name, and components / modals by custom_id action.
 */
export class InteractionRouter {
  private readonly commands = new Map<string, Handler<CommandScope>>();
  private readonly autocompletes = new Map<string, Handler<AutocompleteScope>>();
  private readonly components = new Map<string, Handler<ComponentScope>>();
  private readonly modals = new Map<string, Handler<ModalScope>>();
  private readonly directMessages = new Map<string, Handler<DirectMessageScope>>();
  private readonly beforeHooks: ((scope: InteractionScope) => Promise<void>)[] = [];

  constructor(
    private readonly codec: CustomIdCodec,
    private readonly logger: Logger,
  ) {}

  command(path: string, handler: Handler<CommandScope>): this {
    return this.register(this.commands, path, handler);
  }
  autocomplete(command: string, handler: Handler<AutocompleteScope>): this {
    return this.register(this.autocompletes, command, handler);
  }
  component(action: string, handler: Handler<ComponentScope>): this {
    return this.register(this.components, action, handler);
  }
  modal(action: string, handler: Handler<ModalScope>): this {
    return this.register(this.modals, action, handler);
  }
  /** Runs before every guild interaction is handled (e.g. giving a new guild its defaults). */
  beforeEach(hook: (scope: InteractionScope) => Promise<void>): this {
    this.beforeHooks.push(hook);
    return this;
  }

  /** A component or modal action that is used in direct messages (and only there). */
  directMessage(action: string, handler: Handler<DirectMessageScope>): this {
    return this.register(this.directMessages, action, handler);
  }

  /** Answers one request. Never throws: failures become an error reply with a reference id. */
  async dispatch(request: InteractionRequest): Promise<InteractionReply> {
    const referenceId = newReferenceId();
    const interaction = request.interaction;
    const logger = this.logger.child({ referenceId, interactionId: interaction.id });
    try {
      const response = await this.route(request, interaction, referenceId, logger);
      return { v: 1, kind: 'response', response };
    } catch (error) {
      if (error instanceof InteractionError) {
        logger.info({ code: error.code }, 'interaction refused');
        return { v: 1, kind: 'error', error: { code: error.code, message: error.message, referenceId } };
      }
      logger.error({ err: error }, 'interaction handler failed');
      return {
        v: 1,
        kind: 'error',
        error: { code: ErrorCode.INTERNAL, message: errorMessage(ErrorCode.INTERNAL), referenceId },
      };
    }
  }

  private async route(
    request: InteractionRequest,
    interaction: APIInteraction,
    referenceId: string,
    logger: Logger,
  ): Promise<APIInteractionResponse> {
    const problem = interactionInputProblem(interaction);
    if (problem) {
      logger.warn({ problem }, 'malformed interaction refused');
      throw new InteractionError(ErrorCode.INVALID_INPUT);
    }
    const member = 'member' in interaction ? interaction.member : undefined;
    if (!interaction.guild_id || !member)
      return this.routeDirectMessage(request, interaction, referenceId, logger);
    const scope: InteractionScope = {
      request,
      guildId: interaction.guild_id,
      channelId: interaction.channel?.id ?? interaction.channel_id,
      userId: member.user.id,
      member,
      referenceId,
      logger,
    };
    for (const hook of this.beforeHooks) await hook(scope);
    switch (interaction.type) {
      case InteractionType.ApplicationCommand: {
        if (!('options' in interaction.data) && interaction.data.type !== 1) break;
        const chat = interaction as APIChatInputApplicationCommandInteraction;
        const options = new CommandOptions(chat.data);
        const handler = this.findCommand(chat.data.name, options.path);
        if (handler) return handler({ ...scope, interaction: chat, options });
        break;
      }
      case InteractionType.ApplicationCommandAutocomplete: {
        const handler = this.autocompletes.get(interaction.data.name);
        if (handler) return handler({ ...scope, interaction, options: new CommandOptions(interaction.data) });
        break;
      }
      case InteractionType.MessageComponent: {
        const customId = this.verify(interaction.data.custom_id, logger);
        const handler = this.components.get(customId.action);
        const values =
          interaction.data.component_type === ComponentType.Button ? [] : (interaction.data.values ?? []);
        if (handler) return handler({ ...scope, interaction, customId, values });
        break;
      }
      case InteractionType.ModalSubmit: {
        const customId = this.verify(interaction.data.custom_id, logger);
        const handler = this.modals.get(customId.action);
        if (handler) return handler({ ...scope, interaction, customId, fields: modalFields(interaction) });
        break;
      }
      default:
        break;
    }
    throw new InteractionError(ErrorCode.UNKNOWN_COMMAND);
  }

  private async routeDirectMessage(
    request: InteractionRequest,
    interaction: APIInteraction,
    referenceId: string,
    logger: Logger,
  ): Promise<APIInteractionResponse> {
    const userId = interaction.user?.id;
    const isComponent = interaction.type === InteractionType.MessageComponent;
    if (!userId || (!isComponent && interaction.type !== InteractionType.ModalSubmit)) {
      throw new InteractionError(ErrorCode.NOT_IN_GUILD);
    }
    const customId = this.verify(interaction.data.custom_id, logger);
    const handler = this.directMessages.get(customId.action);
    if (!handler) throw new InteractionError(ErrorCode.NOT_IN_GUILD);
    const values =
      isComponent && interaction.data.component_type !== ComponentType.Button
        ? (interaction.data.values ?? [])
        : [];
    const fields = isComponent ? new Map<string, string>() : modalFields(interaction);
    return handler({ request, interaction, userId, customId, values, fields, referenceId, logger });
  }

  private findCommand(name: string, path: readonly string[]): Handler<CommandScope> | undefined {
    // Most specific first: "admin categories add", then "admin categories", then "admin".
    for (let length = path.length; length >= 0; length--) {
      const handler = this.commands.get([name, ...path.slice(0, length)].join(' '));
      if (handler) return handler;
    }
    return undefined;
  }

  private verify(customId: string, logger: Logger): CustomIdParts {
    const decoded = this.codec.decode(customId);
    if (decoded.ok) return decoded.value;
    logger.warn({ detail: decoded.error.detail, code: decoded.error.code }, 'custom_id rejected');
    throw new InteractionError(decoded.error.errorCode, decoded.error.message);
  }

  private register<S>(table: Map<string, Handler<S>>, key: string, handler: Handler<S>): this {
    if (table.has(key)) throw new Error(`interaction handler "${key}" is already registered`);
    table.set(key, handler);
    return this;
  }
}

function modalFields(interaction: APIModalSubmitInteraction): Map<string, string> {
  const fields = new Map<string, string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as {
      custom_id?: unknown;
      value?: unknown;
      components?: unknown;
      component?: unknown;
    };
    if (typeof record.custom_id === 'string' && typeof record.value === 'string') {
      fields.set(record.custom_id, record.value);
    }
    if (Array.isArray(record.components)) record.components.forEach(visit);
    if (record.component) visit(record.component);
  };
  interaction.data.components.forEach(visit);
  return fields;
}

/**
 * Random bytes drawn 4 KiB at a time: a reference id is minted for every interaction, and a system call
 * for each 4 bytes showed up in profiles of the interaction path.
 */
const referenceBytes = Buffer.alloc(4096);
let referenceOffset = referenceBytes.length;

/** 8 hex characters, random (crypto-quality), quoted to users and on every log line of an interaction. */
function newReferenceId(): string {
  if (referenceOffset + 4 > referenceBytes.length) {
    randomFillSync(referenceBytes);
    referenceOffset = 0;
  }
  const id = referenceBytes.toString('hex', referenceOffset, referenceOffset + 4);
  referenceOffset += 4;
  return id;
}
