import {
  ApplicationCommandOptionType as T,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import {
  COMMAND_DEFINITIONS,
  COMMAND_NAMES,
  COMMAND_ROUTES,
  toGuildCommandBody,
  validateCommandDefinition,
  validateCommandDefinitions,
  type CommandRule,
} from '../src';

const MANAGER_ONLY = new Set(['admin', 'config', 'activitylog', 'forceclockout']);

function allOptions(
  options: readonly APIApplicationCommandOption[] | undefined,
): APIApplicationCommandOption[] {
  return (options ?? []).flatMap((o) => [o, ...('options' in o ? allOptions(o.options) : [])]);
}

describe('COMMAND_DEFINITIONS', () => {
  it.each(COMMAND_DEFINITIONS.map((d) => [d.name, d] as const))(
    '/%s passes validateCommandDefinition',
    (_name, def) => {
      expect(validateCommandDefinition(def)).toEqual([]);
    },
  );

  it('passes as a set (unique names, within the command count)', () => {
    expect(validateCommandDefinitions(COMMAND_DEFINITIONS)).toEqual([]);
  });

  it('defines exactly the commands of the routing table', () => {
    expect(COMMAND_DEFINITIONS.map((d) => d.name).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it.each(COMMAND_DEFINITIONS.map((d) => [d.name, d] as const))(
    '/%s is guild-only and chat-input',
    (_name, def) => {
      expect(def.type).toBe(ApplicationCommandType.ChatInput);
      expect(def.contexts).toEqual([InteractionContextType.Guild]);
      expect(def.integration_types).toEqual([ApplicationIntegrationType.GuildInstall]);
    },
  );

  it.each(COMMAND_DEFINITIONS.map((d) => [d.name, d] as const))(
    '/%s has the right default permission',
    (name, def) => {
      if (MANAGER_ONLY.has(name))
        expect(def.default_member_permissions).toBe(String(PermissionFlagsBits.ManageGuild));
      else expect(def.default_member_permissions).toBeUndefined();
    },
  );

  it('has no definition sharing an array with another (each is safe to mutate before registration)', () => {
    const arrays = new Set<unknown>();
    for (const def of COMMAND_DEFINITIONS) {
      for (const arr of [def.contexts, def.integration_types, def.options]) {
        if (arr === undefined) continue;
        expect(arrays.has(arr)).toBe(false);
        arrays.add(arr);
      }
    }
  });

  const byName = Object.fromEntries(COMMAND_DEFINITIONS.map((d) => [d.name, d]));
  const option = (path: string): APIApplicationCommandOption => {
    const [command, ...rest] = path.split(' ');
    let options = byName[command!]!.options;
    let found: APIApplicationCommandOption | undefined;
    for (const part of rest) {
      found = options?.find((o) => o.name === part);
      if (!found) throw new Error(`no option ${path}`);
      options = 'options' in found ? found.options : undefined;
    }
    return found!;
  };

  it.each([
    ['clockin category', { type: T.String, required: true, autocomplete: true }],
    ['clockin description', { type: T.String, required: false }],
    ['dashboard personal', { type: T.Boolean }],
    ['leaderboard category', { type: T.String, autocomplete: true }],
    ['leaderboard limit', { type: T.Integer, min_value: 1, max_value: 25 }],
    ['insights user', { type: T.User }],
    ['export format', { type: T.String, required: true }],
    ['export from', { type: T.String, min_length: 10, max_length: 10 }],
    ['forceclockout user', { type: T.User, required: true }],
    ['admin categories add weight', { type: T.Number, min_value: 0, max_value: 5 }],
    ['admin categories edit new_name', { type: T.String }],
    ['admin categories archive name', { type: T.String, autocomplete: true }],
    ['admin system', { type: T.Subcommand }],
    ['config timezone zone', { type: T.String, autocomplete: true, required: true }],
    ['config max-session hours', { type: T.Integer, min_value: 1, max_value: 24 }],
    ['config reminders minutes', { type: T.Integer, min_value: 0, max_value: 1440 }],
    ['config role set role', { type: T.Role, required: true }],
    ['config manager-role add role', { type: T.Role, required: true }],
    ['activitylog set channel', { type: T.Channel, required: true }],
    ['activitylog disable', { type: T.Subcommand }],
  ])('%s has the documented shape', (path, shape) => {
    expect(option(path)).toMatchObject(shape);
  });

  it.each([
    ['leaderboard timeframe', ['today', 'week', 'month', 'year', 'all']],
    ['insights period', ['7d', '30d', '90d', '365d']],
    ['export format', ['csv', 'pdf', 'docx', 'audit']],
    ['config weekstart day', ['monday', 'sunday', 'saturday']],
  ])('%s offers the choices %j', (path, values) => {
    const found = option(path);
    expect('choices' in found && found.choices?.map((c) => c.value)).toEqual(values);
  });

  it('every string option has a max_length or choices (no unbounded free text)', () => {
    for (const def of COMMAND_DEFINITIONS) {
      for (const o of allOptions(def.options)) {
        if (o.type !== T.String) continue;
        const bounded = o.max_length !== undefined || (o.choices?.length ?? 0) > 0;
        expect({ command: def.name, option: o.name, bounded }).toEqual({
          command: def.name,
          option: o.name,
          bounded: true,
        });
      }
    }
  });

  it('toGuildCommandBody drops contexts and integration_types only', () => {
    const body = toGuildCommandBody(byName['clockin']!);
    expect(body).not.toHaveProperty('contexts');
    expect(body).not.toHaveProperty('integration_types');
    expect(body.options).toBe(byName['clockin']!.options);
  });

  it('every command is routed', () => {
    for (const def of COMMAND_DEFINITIONS) expect(COMMAND_ROUTES[def.name]).toBeDefined();
  });
});

describe('validateCommandDefinition catches', () => {
  type Def = RESTPostAPIChatInputApplicationCommandsJSONBody;
  const base = (extra: Record<string, unknown> = {}): Def =>
    ({
      type: 1,
      name: 'demo',
      description: 'A demo command',
      contexts: [0],
      integration_types: [0],
      ...extra,
    }) as Def;
  const str = (name: string, extra: Record<string, unknown> = {}) => ({
    type: T.String,
    name,
    description: 'd',
    ...extra,
  });
  const sub = (name: string, options?: unknown[], extra: Record<string, unknown> = {}) => ({
    type: T.Subcommand,
    name,
    description: 'd',
    ...(options ? { options } : {}),
    ...extra,
  });
  const choices = (n: number, value: (i: number) => unknown = (i) => `v${i}`) =>
    Array.from({ length: n }, (_, i) => ({ name: `c${i}`, value: value(i) }));

  const cases: [string, Def, CommandRule][] = [
    ['an upper-case name', base({ name: 'ClockIn' }), 'name-lowercase'],
    ['a name with a space', base({ name: 'clock in' }), 'name'],
    ['a 33-character name', base({ name: 'a'.repeat(33) }), 'name'],
    ['an empty name', base({ name: '' }), 'name'],
    ['an empty description', base({ description: '' }), 'description'],
    ['a 101-character description', base({ description: 'x'.repeat(101) }), 'description'],
    ['a context-menu type', base({ type: 2 }), 'type'],
    ['non-digit permissions', base({ default_member_permissions: 'ManageGuild' }), 'permissions'],
    ['an unknown context', base({ contexts: [7] }), 'contexts'],
    ['empty integration types', base({ integration_types: [] }), 'contexts'],
    ['an upper-case name localization', base({ name_localizations: { de: 'Zeit' } }), 'localization'],
    ['26 options', base({ options: Array.from({ length: 26 }, (_, i) => str(`o${i}`)) }), 'options-count'],
    ['an upper-case option name', base({ options: [str('Category')] }), 'name-lowercase'],
    ['an option without description', base({ options: [{ type: T.String, name: 'x' }] }), 'description'],
    ['duplicate option names', base({ options: [str('a'), str('a')] }), 'option-duplicate'],
    [
      'required after optional',
      base({ options: [str('a'), str('b', { required: true })] }),
      'required-order',
    ],
    ['an unknown option type', base({ options: [{ type: 99, name: 'x', description: 'd' }] }), 'option-type'],
    ['a subcommand beside an option', base({ options: [sub('a'), str('b')] }), 'subcommand-mix'],
    ['a subcommand inside a subcommand', base({ options: [sub('a', [sub('b')])] }), 'subcommand-nesting'],
    [
      'a group inside a group',
      base({
        options: [
          {
            type: T.SubcommandGroup,
            name: 'g',
            description: 'd',
            options: [{ type: T.SubcommandGroup, name: 'h', description: 'd', options: [sub('x')] }],
          },
        ],
      }),
      'subcommand-nesting',
    ],
    [
      'a plain option inside a group',
      base({ options: [{ type: T.SubcommandGroup, name: 'g', description: 'd', options: [str('x')] }] }),
      'subcommand-nesting',
    ],
    ['options on a plain option', base({ options: [str('x', { options: [] })] }), 'subcommand-nesting'],
    [
      'a required subcommand',
      base({ options: [sub('a', undefined, { required: true })] }),
      'subcommand-required',
    ],
    [
      'an empty group',
      base({ options: [{ type: T.SubcommandGroup, name: 'g', description: 'd', options: [] }] }),
      'group-empty',
    ],
    ['26 choices', base({ options: [str('x', { choices: choices(26) })] }), 'choices-count'],
    [
      'choices on a boolean',
      base({ options: [{ type: T.Boolean, name: 'b', description: 'd', choices: choices(2) }] }),
      'choices-not-allowed',
    ],
    [
      'a 101-character choice name',
      base({ options: [str('x', { choices: [{ name: 'n'.repeat(101), value: 'v' }] })] }),
      'choice-name',
    ],
    [
      'an empty choice name',
      base({ options: [str('x', { choices: [{ name: '', value: 'v' }] })] }),
      'choice-name',
    ],
    [
      'a 101-character choice value',
      base({ options: [str('x', { choices: [{ name: 'n', value: 'v'.repeat(101) }] })] }),
      'choice-value',
    ],
    [
      'a number value on a string option',
      base({ options: [str('x', { choices: [{ name: 'n', value: 1 }] })] }),
      'choice-value',
    ],
    [
      'a fractional integer choice',
      base({
        options: [{ type: T.Integer, name: 'i', description: 'd', choices: [{ name: 'half', value: 0.5 }] }],
      }),
      'choice-value',
    ],
    [
      'a repeated choice value',
      base({
        options: [
          str('x', {
            choices: [
              { name: 'a', value: 'v' },
              { name: 'b', value: 'v' },
            ],
          }),
        ],
      }),
      'choice-duplicate',
    ],
    [
      'autocomplete on a user option',
      base({ options: [{ type: T.User, name: 'u', description: 'd', autocomplete: true }] }),
      'autocomplete-not-allowed',
    ],
    [
      'autocomplete with choices',
      base({ options: [str('x', { autocomplete: true, choices: choices(2) })] }),
      'autocomplete-with-choices',
    ],
    [
      'min_value above max_value',
      base({ options: [{ type: T.Integer, name: 'i', description: 'd', min_value: 5, max_value: 1 }] }),
      'value-range',
    ],
    [
      'a fractional integer bound',
      base({ options: [{ type: T.Integer, name: 'i', description: 'd', max_value: 2.5 }] }),
      'value-range',
    ],
    [
      'a bound beyond 2^53',
      base({ options: [{ type: T.Number, name: 'n', description: 'd', max_value: 2 ** 54 }] }),
      'value-range',
    ],
    ['min_value on a string', base({ options: [str('x', { min_value: 1 })] }), 'value-range'],
    ['max_length 0', base({ options: [str('x', { max_length: 0 })] }), 'length-range'],
    ['max_length 6001', base({ options: [str('x', { max_length: 6001 })] }), 'length-range'],
    [
      'min_length above max_length',
      base({ options: [str('x', { min_length: 10, max_length: 5 })] }),
      'length-range',
    ],
    [
      'max_length on an integer',
      base({ options: [{ type: T.Integer, name: 'i', description: 'd', max_length: 5 }] }),
      'length-range',
    ],
    ['channel_types on a string', base({ options: [str('x', { channel_types: [0] })] }), 'channel-types'],
    [
      'over 4000 characters in total',
      base({
        options: Array.from({ length: 25 }, (_, i) =>
          str(`o${i}`, {
            description: 'd'.repeat(100),
            choices: choices(25, () => 'v'.repeat(100)).map((c, j) => ({
              ...c,
              value: `${j}`.padEnd(100, 'v'),
            })),
          }),
        ),
      }),
      'total-length',
    ],
  ];

  it.each(cases)('%s', (_title, def, rule) => {
    const problems = validateCommandDefinition(def);
    expect(problems.map((p) => p.rule)).toContain(rule);
    for (const p of problems) expect(p.message.length).toBeGreaterThan(0);
  });

  it('reports where the problem is', () => {
    const def = base({
      options: [{ type: T.SubcommandGroup, name: 'g', description: 'd', options: [sub('s', [str('Bad')])] }],
    });
    expect(validateCommandDefinition(def)).toEqual([
      { path: 'demo > g > s > Bad', rule: 'name-lowercase', message: "name 'Bad' must be lower-case" },
    ]);
  });

  it('accepts the limits exactly (32-char name, 100-char description, 25 options, 25 choices)', () => {
    const def = base({
      name: 'a'.repeat(32),
      description: 'd'.repeat(100),
      options: [str('x', { choices: choices(25) }), ...Array.from({ length: 24 }, (_, i) => str(`o${i}`))],
    });
    expect(validateCommandDefinition(def)).toEqual([]);
  });

  it('accepts non-Latin lower-case names', () => {
    expect(validateCommandDefinition(base({ name: 'zeit-erfassung_ü' }))).toEqual([]);
    expect(validateCommandDefinition(base({ name: 'समय' }))).toEqual([]);
  });

  it('finds too many commands in a set', () => {
    const many = Array.from({ length: 101 }, (_, i) => base({ name: `c${i}` }));
    expect(validateCommandDefinitions(many).map((p) => p.rule)).toEqual(['commands-count']);
  });

  it('finds duplicate commands in a set', () => {
    expect(validateCommandDefinitions([base(), base()]).map((p) => p.rule)).toEqual(['duplicate-command']);
  });
});
