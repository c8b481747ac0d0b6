import { ApplicationCommandType, type APIApplicationCommand } from 'discord-api-types/v10';
import { DiscordApiError } from '../errors';
import type { Router } from '../router';
import { FormErrors } from '../validation';
import type { RestContext } from './context';

type Json = Record<string, unknown>;

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Bulk overwrite and listing of global and guild application commands. */
export function registerCommandRoutes(router: Router, ctx: RestContext): void {
  const checkApp = (applicationId: string | undefined): void => {
    if (applicationId !== ctx.applicationId) throw DiscordApiError.unknown('application');
  };
  const guildMap = (guildId: string): Map<string, APIApplicationCommand> => {
    if (!ctx.state.guilds.has(guildId)) throw DiscordApiError.missingAccess();
    let map = ctx.state.guildCommands.get(guildId);
    if (!map) {
      map = new Map();
      ctx.state.guildCommands.set(guildId, map);
    }
    return map;
  };

  router.add('GET', '/applications/:applicationId/commands', ({ params }) => {
    checkApp(params.applicationId);
    return { status: 200, body: [...ctx.state.globalCommands.values()] };
  });
  router.add('PUT', '/applications/:applicationId/commands', ({ params, body }) => {
    checkApp(params.applicationId);
    return { status: 200, body: overwrite(ctx, ctx.state.globalCommands, body, null) };
  });
  router.add('GET', '/applications/:applicationId/guilds/:guildId/commands', ({ params }) => {
    checkApp(params.applicationId);
    return { status: 200, body: [...guildMap(params.guildId ?? '').values()] };
  });
  router.add('PUT', '/applications/:applicationId/guilds/:guildId/commands', ({ params, body }) => {
    checkApp(params.applicationId);
    const guildId = params.guildId ?? '';
    return { status: 200, body: overwrite(ctx, guildMap(guildId), body, guildId) };
  });
}

function overwrite(
  ctx: RestContext,
  target: Map<string, APIApplicationCommand>,
  body: unknown,
  guildId: string | null,
): APIApplicationCommand[] {
  const list = Array.isArray(body) ? (body as Json[]) : [];
  validateCommands(list);
  const previous = [...target.values()];
  const next = list.map((raw) => {
    const type = (raw.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
    // Discord keeps a command's id when an overwrite re-declares the same name and type.
    const kept = previous.find(
      (c) => c.name === raw.name && (c.type ?? ApplicationCommandType.ChatInput) === type,
    );
    return {
      ...raw,
      id: kept?.id ?? ctx.world.ids.next(),
      application_id: ctx.applicationId,
      type,
      description: typeof raw.description === 'string' ? raw.description : '',
      default_member_permissions: (raw.default_member_permissions as string | null | undefined) ?? null,
      nsfw: raw.nsfw === true,
      version: ctx.world.ids.next(),
      ...(guildId ? { guild_id: guildId } : {}),
    } as APIApplicationCommand;
  });
  target.clear();
  for (const command of next) target.set(command.id, command);
  ctx.state.changed();
  return next;
}

function validateCommands(list: Json[]): void {
  const errors = new FormErrors();
  if (list.length > 100) errors.add([], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
  list.forEach((command, i) => {
    const type = command.type ?? ApplicationCommandType.ChatInput;
    const name = command.name;
    if (
      typeof name !== 'string' ||
      !NAME.test(name) ||
      (type === ApplicationCommandType.ChatInput && name !== name.toLowerCase())
    ) {
      errors.add([i, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    if (type === ApplicationCommandType.ChatInput) {
      const description = command.description;
      if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
        errors.add([i, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
      }
    }
    errors.maxItems([i, 'options'], command.options, 25);
  });
  errors.throwIfAny();
}
