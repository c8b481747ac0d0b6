/**
 * The one routing table: which interaction service owns each slash command (and its autocomplete),
 * and which owns each `custom_id` prefix (buttons, selects, modals). The gateway routes with
 * `routeInteraction`; command registration and tests check the table against `COMMAND_DEFINITIONS`.
 */
import { InteractionType, type APIInteraction } from 'discord-api-types/v10';
import { CUSTOM_ID_SEPARATOR } from './custom-id';
import { ErrorCode } from './errors';
import { INTERACTION_SERVICES, type InteractionService } from './services';

interface RouteEntry<S extends InteractionService> {
  /** Top-level slash command names this service answers, autocomplete included. */
  readonly commands: readonly string[];
  /** `custom_id`s starting with `<prefix>:` go to this service. It is the service name: the codec writes it. */
  readonly customIdPrefix: S;
}

export const ROUTING_TABLE = {
  timecard: {
    commands: [
      'clockin',
      'clockout',
      'status',
      'dashboard',
      'whoclocked',
      'forceclockout',
      'timesheet',
      'request',
      'help',
    ],
    customIdPrefix: 'timecard',
  },
  analytics: { commands: ['leaderboard', 'insights'], customIdPrefix: 'analytics' },
  export: { commands: ['export'], customIdPrefix: 'export' },
  admin: { commands: ['admin', 'config', 'activitylog'], customIdPrefix: 'admin' },
} as const satisfies { readonly [S in InteractionService]: RouteEntry<S> };

/** Every slash command Timekeeper registers. */
export type CommandName = (typeof ROUTING_TABLE)[InteractionService]['commands'][number];

/** Command name → owning service, derived from `ROUTING_TABLE`. */
export const COMMAND_ROUTES: Readonly<Record<CommandName, InteractionService>> = Object.freeze(
  Object.fromEntries(
    INTERACTION_SERVICES.flatMap((service) => ROUTING_TABLE[service].commands.map((name) => [name, service])),
  ) as Record<CommandName, InteractionService>,
);

/** `custom_id` prefix → owning service, derived from `ROUTING_TABLE`. */
export const CUSTOM_ID_ROUTES: ReadonlyMap<string, InteractionService> = new Map(
  INTERACTION_SERVICES.map((service) => [ROUTING_TABLE[service].customIdPrefix, service]),
);

export const COMMAND_NAMES: readonly CommandName[] = Object.keys(COMMAND_ROUTES) as CommandName[];

export function isCommandName(value: string): value is CommandName {
  return Object.hasOwn(COMMAND_ROUTES, value);
}

/** How the interaction was matched: by command name (commands, autocomplete) or by custom_id prefix. */
export type RouteVia = 'command' | 'autocomplete' | 'component' | 'modal';

export type RouteErrorReason =
  /** A command (or autocomplete) whose name is not in the table, e.g. a command removed since registration. */
  | 'unknown-command'
  /** A component or modal whose custom_id has no known prefix (a stale or foreign button). */
  | 'unknown-custom-id'
  /** PING and any type no service answers: the gateway handles these itself. */
  | 'unsupported-type'
  /** The payload lacks the field routing needs (data.name / data.custom_id). */
  | 'malformed';

export interface RouteError {
  reason: RouteErrorReason;
  /** The shared code the gateway answers with. */
  code: ErrorCode;
  /** For logs. */
  message: string;
}

export type RouteResult =
  | {
      ok: true;
      service: InteractionService;
      via: RouteVia;
      /** command name or custom_id prefix */ key: string;
    }
  | { ok: false; error: RouteError };

export function routeCommand(name: string): InteractionService | null {
  return isCommandName(name) ? COMMAND_ROUTES[name] : null;
}

export function routeCustomId(customId: string): InteractionService | null {
  const end = customId.indexOf(CUSTOM_ID_SEPARATOR);
  if (end <= 0) return null;
  return CUSTOM_ID_ROUTES.get(customId.slice(0, end)) ?? null;
}

/** Finds the service that must answer an interaction. Pure; never throws on odd payloads. */
export function routeInteraction(interaction: APIInteraction): RouteResult {
  // Read defensively: the payload comes off the wire and its type may lie.
  const data = (interaction as { data?: { name?: unknown; custom_id?: unknown } }).data;
  switch (interaction.type) {
    case InteractionType.ApplicationCommand:
    case InteractionType.ApplicationCommandAutocomplete: {
      const via: RouteVia =
        interaction.type === InteractionType.ApplicationCommand ? 'command' : 'autocomplete';
      const name = data?.name;
      if (typeof name !== 'string' || name === '') {
        return fail('malformed', ErrorCode.INVALID_INPUT, `${via} interaction has no data.name`);
      }
      const service = routeCommand(name);
      return service
        ? { ok: true, service, via, key: name }
        : fail('unknown-command', ErrorCode.UNKNOWN_COMMAND, `no service answers the command '${name}'`);
    }
    case InteractionType.MessageComponent:
    case InteractionType.ModalSubmit: {
      const via: RouteVia = interaction.type === InteractionType.MessageComponent ? 'component' : 'modal';
      const customId = data?.custom_id;
      if (typeof customId !== 'string' || customId === '') {
        return fail('malformed', ErrorCode.INVALID_INPUT, `${via} interaction has no data.custom_id`);
      }
      const service = routeCustomId(customId);
      const prefix = customId.split(CUSTOM_ID_SEPARATOR, 1)[0] ?? '';
      return service
        ? { ok: true, service, via, key: prefix }
        : fail(
            'unknown-custom-id',
            ErrorCode.EXPIRED_COMPONENT,
            `no service owns the custom_id prefix '${prefix}'`,
          );
    }
    default:
      return fail(
        'unsupported-type',
        ErrorCode.INVALID_INPUT,
        `interaction type ${String((interaction as { type: unknown }).type)} is not routed to a service`,
      );
  }
}

function fail(reason: RouteErrorReason, code: ErrorCode, message: string): RouteResult {
  return { ok: false, error: { reason, code, message } };
}
