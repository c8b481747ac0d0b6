/**
 * Members as the emulator plays them: a slash command or a button press is injected at the emulator,
 * the gateway delivers it, and the answer (after a deferral, the edit that completes it) is read back.
 */
import type { EmulatorClient, InjectedInteraction } from '@timekeeper/discord-emulator';
import {
  ComponentType,
  MessageFlags,
  type APIMessage,
  type APIMessageComponent,
} from 'discord-api-types/v10';

export interface Answer {
  readonly id: string;
  readonly message: APIMessage | null;
  readonly ephemeral: boolean;
  /** Content, embed titles, descriptions, fields and footers: what a reader sees. */
  readonly text: string;
}

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

export function buttonId(message: APIMessage, label: string): string {
  const visit = (list: readonly unknown[] | undefined): string | undefined => {
    for (const c of (list ?? []) as APIMessageComponent[]) {
      if (c.type === ComponentType.Button && 'custom_id' in c && c.label?.startsWith(label))
        return c.custom_id;
      if ('components' in c) {
        const found = visit(c.components as unknown[]);
        if (found) return found;
      }
    }
    return undefined;
  };
  const id = visit(message.components);
  if (!id) throw new Error(`no button labelled "${label}" on message ${message.id}`);
  return id;
}

export async function answerOf(
  control: EmulatorClient,
  injecting: Promise<InjectedInteraction>,
): Promise<Answer> {
  const injected = await injecting;
  const first = await control.awaitResponse(injected.id, { timeoutMs: 8_000 });
  const final =
    first.responseType === 5 || first.responseType === 6
      ? await control.awaitEvent(injected.id, ['edit', 'followup'], { after: first.index, timeoutMs: 20_000 })
      : first;
  const data = (final.body ?? {}) as Record<string, unknown>;
  const message = final.message;
  const flags = (message?.flags ?? 0) | (typeof data.flags === 'number' ? data.flags : 0);
  return {
    id: injected.id,
    message,
    ephemeral: (flags & MessageFlags.Ephemeral) !== 0,
    text: textOf(message ?? (data as Pick<APIMessage, 'content' | 'embeds'>)),
  };
}
