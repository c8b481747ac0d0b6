/**
 * Plays members the way they use Discord: "run /clockin as member Y", "click the button labelled L on
 * message M", "choose V in the menu of message M". Interactions are created at the Discord emulator; a
 * transport delivers them (through the gateway in end-to-end tests, or straight to one service over
 * NATS in a service's own tests) and the answer is read back from the emulator.
 */
import type { EmulatorClient, InjectedInteraction, OptionValue } from '@timekeeper/discord-emulator';
import {
  ComponentType,
  MessageFlags,
  type APIMessage,
  type APIMessageComponent,
} from 'discord-api-types/v10';

export interface Member {
  readonly guildId: string;
  readonly userId: string;
}

/** Gets an injected interaction to the service and its answer back to the emulator. */
export interface InteractionTransport {
  deliver(injected: InjectedInteraction): Promise<void>;
}

/** With a gateway connected to the emulator, the gateway delivers: nothing to do. */
export const viaGateway: InteractionTransport = { deliver: async () => undefined };

export interface Answer {
  readonly id: string;
  /** The interaction response type (4 message, 7 update, 8 autocomplete…). */
  readonly type: number | null;
  /** The response data as sent. */
  readonly data: Record<string, unknown>;
  /** The message it created or updated (null for autocomplete). */
  readonly message: APIMessage | null;
  readonly ephemeral: boolean;
  /** Content, embed titles, descriptions, fields and footers, joined: what a reader sees. */
  readonly text: string;
}

/** Everything a reader sees in a message, as one string. */
export function textOf(message: Pick<APIMessage, 'content' | 'embeds'> | null): string {
  if (!message) return '';
  const parts = [message.content ?? ''];
  for (const embed of message.embeds ?? []) {
    parts.push(embed.title ?? '', embed.description ?? '');
    for (const field of embed.fields ?? []) parts.push(field.name, field.value);
    parts.push(embed.footer?.text ?? '');
  }
  return parts.filter(Boolean).join('\n');
}

function* componentsOf(message: APIMessage): Generator<APIMessageComponent> {
  const visit = function* (list: readonly unknown[] | undefined): Generator<APIMessageComponent> {
    for (const component of (list ?? []) as APIMessageComponent[]) {
      yield component;
      if ('components' in component) yield* visit(component.components as unknown[]);
    }
  };
  yield* visit(message.components);
}

/** The custom_id of the button labelled `label` (exact, or the start of the label). */
export function buttonId(message: APIMessage, label: string): string {
  for (const component of componentsOf(message)) {
    if (
      component.type === ComponentType.Button &&
      'custom_id' in component &&
      component.label?.startsWith(label)
    ) {
      return component.custom_id;
    }
  }
  throw new Error(
    `no button labelled "${label}" on message ${message.id}: ${JSON.stringify(message.components)}`,
  );
}

export function selectId(message: APIMessage): string {
  for (const component of componentsOf(message)) {
    if (component.type === ComponentType.StringSelect) return component.custom_id;
  }
  throw new Error(`no menu on message ${message.id}`);
}

/** A command's subcommand group, subcommand and options. */
export interface CommandPath {
  readonly group?: string;
  readonly sub?: string;
  readonly options?: Record<string, OptionValue>;
}

export class MemberDriver {
  constructor(
    readonly control: EmulatorClient,
    private readonly transport: InteractionTransport = viaGateway,
  ) {}

  slash(member: Member, name: string, options: Record<string, OptionValue> = {}): Promise<Answer> {
    return this.answer(this.control.slash({ ...member, name, options }));
  }

  async autocomplete(
    member: Member,
    name: string,
    focused: string,
    options: Record<string, OptionValue>,
  ): Promise<{ name: string; value: string }[]> {
    const answer = await this.answer(this.control.autocomplete({ ...member, name, focused, options }));
    return (answer.data.choices ?? []) as { name: string; value: string }[];
  }

  click(member: Member, message: APIMessage, label: string): Promise<Answer> {
    return this.clickId(member, buttonId(message, label), message);
  }

  /** Presses a button by custom_id (on `message`, or a fresh bot message holding it). */
  clickId(member: Member, customId: string, message?: APIMessage): Promise<Answer> {
    return this.answer(
      this.control.click({
        ...member,
        customId,
        ...(message ? { messageId: message.id, channelId: message.channel_id } : {}),
      }),
    );
  }

  choose(member: Member, message: APIMessage, value: string): Promise<Answer> {
    return this.answer(
      this.control.select({
        ...member,
        customId: selectId(message),
        values: [value],
        messageId: message.id,
        channelId: message.channel_id,
      }),
    );
  }

  /** Runs a command with a subcommand (group) and options. */
  command(member: Member, name: string, path: CommandPath = {}): Promise<Answer> {
    return this.answer(
      this.control.slash({
        ...member,
        name,
        ...(path.group ? { subcommandGroup: path.group } : {}),
        ...(path.sub ? { subcommand: path.sub } : {}),
        options: path.options ?? {},
      }),
    );
  }

  /** Submits the modal a button in a server opened. */
  submit(member: Member, modal: Answer, fields: Record<string, string>, on?: APIMessage): Promise<Answer> {
    const customId = modal.data.custom_id as string;
    return this.answer(
      this.control.submitModal({
        ...member,
        customId,
        fields,
        ...(on ? { messageId: on.id, channelId: on.channel_id } : {}),
      }),
    );
  }

  /** Presses a button on a direct message (Discord attaches no server to it). */
  clickInDm(userId: string, message: APIMessage, label: string): Promise<Answer> {
    return this.answer(
      this.control.click({ userId, customId: buttonId(message, label), messageId: message.id }),
    );
  }

  /** Submits the modal a DM button opened. */
  submitInDm(userId: string, modal: Answer, fields: Record<string, string>, on: APIMessage): Promise<Answer> {
    const customId = modal.data.custom_id as string;
    return this.answer(this.control.submitModal({ userId, customId, fields, messageId: on.id }));
  }

  /** Delivers an injected interaction and returns the final answer (after a deferral, the late one). */
  async answer(injecting: Promise<InjectedInteraction>): Promise<Answer> {
    const injected = await injecting;
    await this.transport.deliver(injected);
    const first = await this.control.awaitResponse(injected.id, { timeoutMs: 8_000 });
    // A gateway under load may defer (5: "thinking…", 6: deferred update) and deliver the answer late.
    const final =
      first.responseType === 5 || first.responseType === 6
        ? await this.control.awaitEvent(injected.id, ['edit', 'followup'], {
            after: first.index,
            timeoutMs: 10_000,
          })
        : first;
    const data = (final.body ?? {}) as Record<string, unknown>;
    const message = final.message;
    const flags = (message?.flags ?? 0) | (typeof data.flags === 'number' ? data.flags : 0);
    return {
      id: injected.id,
      type: first.responseType,
      data,
      message,
      ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
      text: textOf(message ?? (data as Pick<APIMessage, 'content' | 'embeds'>)),
    };
  }
}
