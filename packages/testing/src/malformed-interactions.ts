/**
 * Malformed interactions for tests: well-formed samples of every interaction kind, and every way to give
 * one of their fields a value of the wrong type. The gateway's and service-kit's malformed-input tests
 * draw from these (with fast-check), so both cover every field.
 */
import { ApplicationCommandOptionType, ComponentType, InteractionType } from 'discord-api-types/v10';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const IDS = {
  guild: '400000000000000001',
  channel: '700000000000000001',
  user: '800000000000000001',
  role: '900000000000000001',
  application: '600000000000000001',
} as const;

function base(type: InteractionType, data: Json, id: string): { [key: string]: Json } {
  return {
    id,
    application_id: IDS.application,
    type,
    token: 'interaction-token',
    guild_id: IDS.guild,
    channel_id: IDS.channel,
    channel: { id: IDS.channel, type: 0 },
    version: 1,
    locale: 'en-US',
    app_permissions: '0',
    member: {
      user: { id: IDS.user, username: 'alice', discriminator: '0', global_name: null, avatar: null },
      roles: [IDS.role],
      permissions: '8',
      joined_at: '2026-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
    },
    data,
  };
}

export interface SampleOptions {
  /** The command name of the slash and autocomplete samples. */
  readonly command?: string;
  /** custom_ids of the component and modal samples (e.g. signed by the service's codec). */
  readonly componentCustomId?: string;
  readonly modalCustomId?: string;
}

/** One well-formed interaction of each kind, with options of every value type. */
export function sampleInteractions(options: SampleOptions = {}): { [key: string]: Json }[] {
  const T = ApplicationCommandOptionType;
  const name = options.command ?? 'admin';
  return [
    base(
      InteractionType.ApplicationCommand,
      {
        id: '1',
        name,
        type: 1,
        options: [
          {
            type: T.SubcommandGroup,
            name: 'categories',
            options: [
              {
                type: T.Subcommand,
                name: 'add',
                options: [
                  { type: T.String, name: 'name', value: 'Work' },
                  { type: T.Number, name: 'weight', value: 2.5 },
                  { type: T.Boolean, name: 'archived', value: false },
                  { type: T.User, name: 'member', value: IDS.user },
                ],
              },
            ],
          },
        ],
        resolved: { users: { [IDS.user]: { id: IDS.user, username: 'alice' } } },
      },
      '500000000000000001',
    ),
    base(
      InteractionType.ApplicationCommandAutocomplete,
      { id: '1', name, type: 1, options: [{ type: T.String, name: 'category', value: 'wo', focused: true }] },
      '500000000000000002',
    ),
    base(
      InteractionType.MessageComponent,
      {
        custom_id: options.componentCustomId ?? 'timecard:stop:1',
        component_type: ComponentType.StringSelect,
        values: ['a', 'b'],
      },
      '500000000000000003',
    ),
    base(
      InteractionType.ModalSubmit,
      {
        custom_id: options.modalCustomId ?? 'timecard:form:1',
        components: [{ type: 1, components: [{ type: 4, custom_id: 'reason', value: 'because' }] }],
      },
      '500000000000000004',
    ),
  ];
}

/** Every path to a field of `value` (arrays by index), parents before children. */
export function fieldPaths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...fieldPaths(child, [...prefix, key])]);
}

/** A deep copy of `value` with the field at `path` replaced. */
export function withValueAt(value: Json, path: readonly (string | number)[], replacement: Json): Json {
  const copy = structuredClone(value);
  let node = copy as { [key: string]: Json } | Json[];
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, Json>)[key] as typeof node;
  (node as Record<string | number, Json>)[path.at(-1)!] = replacement;
  return copy;
}

/** Values of every JSON type. */
export const JSON_VALUES_OF_EVERY_TYPE: readonly Json[] = [
  null,
  0,
  -1.5,
  'x',
  '',
  true,
  [],
  [1],
  {},
  { a: 1 },
];

const kind = (value: Json | undefined): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** The values of another JSON type than `current`. */
export function wrongTypeValues(current: Json | undefined): Json[] {
  return JSON_VALUES_OF_EVERY_TYPE.filter((value) => kind(value) !== kind(current));
}

/** Reads the field at `path`. */
export function valueAt(value: Json, path: readonly (string | number)[]): Json | undefined {
  let node: Json | undefined = value;
  for (const key of path)
    node =
      node === null || typeof node !== 'object' ? undefined : (node as Record<string | number, Json>)[key];
  return node;
}

export interface MalformedCase {
  readonly sample: number;
  readonly path: readonly (string | number)[];
  readonly value: Json;
  readonly interaction: Json;
}

/** Every (sample, field, wrong-typed value) combination: several hundred cases. */
export function everyMalformedInteraction(options?: SampleOptions): MalformedCase[] {
  return sampleInteractions(options).flatMap((sample, index) =>
    fieldPaths(sample).flatMap((path) =>
      wrongTypeValues(valueAt(sample, path)).map((value) => ({
        sample: index,
        path,
        value,
        interaction: withValueAt(sample, path, value),
      })),
    ),
  );
}
