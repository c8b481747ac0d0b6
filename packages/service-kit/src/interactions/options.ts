import {
  ApplicationCommandOptionType,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteractionData,
  type APIUser,
} from 'discord-api-types/v10';

type LeafOption = Exclude<
  APIApplicationCommandInteractionDataOption,
  { type: ApplicationCommandOptionType.Subcommand | ApplicationCommandOptionType.SubcommandGroup }
>;

/**
 * The options of a chat-input command (or autocomplete), flattened: the subcommand path plus the leaf
 * values by name. Discord validates types and ranges before delivering, but we still read defensively.
 */
export class CommandOptions {
  /** e.g. ['categories', 'add'] for `/admin categories add`; [] for a command without subcommands. */
  readonly path: readonly string[];
  private readonly leaves = new Map<string, LeafOption>();

  constructor(
    private readonly data: {
      readonly options?: readonly APIApplicationCommandInteractionDataOption[] | undefined;
      readonly resolved?: APIChatInputApplicationCommandInteractionData['resolved'] | undefined;
    },
  ) {
    const path: string[] = [];
    let options = data.options ?? [];
    for (;;) {
      const nested = options.find(
        (option) =>
          option.type === ApplicationCommandOptionType.Subcommand ||
          option.type === ApplicationCommandOptionType.SubcommandGroup,
      );
      if (!nested || !('options' in nested)) {
        if (nested) path.push(nested.name);
        break;
      }
      path.push(nested.name);
      options = (nested.options ?? []) as APIApplicationCommandInteractionDataOption[];
    }
    this.path = path;
    for (const option of options) {
      if ('value' in option) this.leaves.set(option.name, option as LeafOption);
    }
  }

  /** The subcommand path joined with spaces, e.g. "categories add". */
  get subcommand(): string {
    return this.path.join(' ');
  }

  has(name: string): boolean {
    return this.leaves.has(name);
  }

  /** The option the user is typing in, for autocomplete. */
  focused(): { name: string; value: string } | undefined {
    for (const option of this.leaves.values()) {
      if ('focused' in option && option.focused) return { name: option.name, value: String(option.value) };
    }
    return undefined;
  }

  string(name: string): string | undefined {
    const value = this.leaves.get(name)?.value;
    return typeof value === 'string' ? value : undefined;
  }

  number(name: string): number | undefined {
    const value = this.leaves.get(name)?.value;
    return typeof value === 'number' ? value : undefined;
  }

  boolean(name: string): boolean | undefined {
    const value = this.leaves.get(name)?.value;
    return typeof value === 'boolean' ? value : undefined;
  }

  /** Id of a user, role, channel or mentionable option. */
  snowflake(name: string): string | undefined {
    return this.string(name);
  }

  /** The resolved user of a user option. */
  user(name: string): APIUser | undefined {
    const id = this.snowflake(name);
    return id === undefined
      ? undefined
      : this.data.resolved && 'users' in this.data.resolved
        ? this.data.resolved.users?.[id]
        : undefined;
  }
}
