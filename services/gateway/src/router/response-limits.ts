/**
 * Checks a service's interaction response against Discord's rules before it is sent, so one bad payload
 * becomes a logged problem and an error message for the user rather than a rejected callback (WS mode)
 * or an answer Discord silently drops (HTTP mode, where Discord's verdict is never seen).
 */
import { DISCORD_LIMITS } from '@timekeeper/contracts';
import { InteractionResponseType, InteractionType, MessageFlags } from 'discord-api-types/v10';

const ALLOWED_RESPONSES: Readonly<Record<number, readonly InteractionResponseType[]>> = {
  [InteractionType.ApplicationCommand]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.Modal,
  ],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [
    InteractionResponseType.ApplicationCommandAutocompleteResult,
  ],
  [InteractionType.ModalSubmit]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
  ],
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const length = (value: unknown): number => (typeof value === 'string' ? value.length : 0);

/** Problems with `response` as an answer to an interaction of `interactionType`; empty when it is fine. */
export function responseProblems(
  interactionType: number,
  response: { type: number; data?: unknown },
): string[] {
  const problems: string[] = [];
  const allowed = ALLOWED_RESPONSES[interactionType] ?? [];
  if (!allowed.includes(response.type)) {
    problems.push(`response type ${response.type} cannot answer interaction type ${interactionType}`);
    return problems;
  }
  const data = isObject(response.data) ? response.data : {};
  switch (response.type) {
    case InteractionResponseType.ChannelMessageWithSource:
    case InteractionResponseType.UpdateMessage:
      messageProblems(data, response.type === InteractionResponseType.ChannelMessageWithSource, problems);
      break;
    case InteractionResponseType.ApplicationCommandAutocompleteResult:
      if (asArray(data.choices).length > DISCORD_LIMITS.autocompleteChoices) {
        problems.push(`more than ${DISCORD_LIMITS.autocompleteChoices} autocomplete choices`);
      }
      break;
    case InteractionResponseType.Modal:
      if (length(data.title) === 0 || length(data.title) > DISCORD_LIMITS.modalTitle) {
        problems.push(`modal title must be 1-${DISCORD_LIMITS.modalTitle} characters`);
      }
      if (length(data.custom_id) === 0 || length(data.custom_id) > DISCORD_LIMITS.customId) {
        problems.push(`modal custom_id must be 1-${DISCORD_LIMITS.customId} characters`);
      }
      componentProblems(asArray(data.components), true, problems);
      break;
    default:
      break;
  }
  return problems;
}

function messageProblems(data: Json, isNewMessage: boolean, problems: string[]): void {
  const flags = typeof data.flags === 'number' ? data.flags : 0;
  const v2 = (flags & MessageFlags.IsComponentsV2) !== 0;
  const embeds = asArray(data.embeds);
  const components = asArray(data.components);
  if (length(data.content) > DISCORD_LIMITS.content) {
    problems.push(`content is longer than ${DISCORD_LIMITS.content} characters`);
  }
  if (embeds.length > DISCORD_LIMITS.embedsPerMessage) {
    problems.push(`more than ${DISCORD_LIMITS.embedsPerMessage} embeds`);
  }
  let embedTotal = 0;
  embeds.forEach((embed, index) => (embedTotal += embedProblems(embed, index, problems)));
  if (embedTotal > DISCORD_LIMITS.embedTotal) {
    problems.push(`embeds hold more than ${DISCORD_LIMITS.embedTotal} characters together`);
  }
  if (v2 && (data.content !== undefined || embeds.length > 0)) {
    problems.push('a components V2 message cannot carry content or embeds');
  }
  if (!v2 && components.length > DISCORD_LIMITS.actionRows) {
    problems.push(`more than ${DISCORD_LIMITS.actionRows} action rows`);
  }
  const counted = componentProblems(components, false, problems);
  if (v2 && counted > DISCORD_LIMITS.componentsV2Total) {
    problems.push(`more than ${DISCORD_LIMITS.componentsV2Total} components`);
  }
  const empty = length(data.content) === 0 && embeds.length === 0 && components.length === 0;
  const hasFiles = asArray(data.attachments).length > 0 || isObject(data.poll);
  if (isNewMessage && empty && !hasFiles) problems.push('cannot send an empty message');
}

/** Adds the embed's problems; returns the characters it counts towards the 6000 total. */
function embedProblems(embed: unknown, index: number, problems: string[]): number {
  if (!isObject(embed)) {
    problems.push(`embeds[${index}] is not an object`);
    return 0;
  }
  const limit = (value: unknown, max: number, what: string): number => {
    if (length(value) > max) problems.push(`embeds[${index}].${what} is longer than ${max} characters`);
    return length(value);
  };
  let total = limit(embed.title, DISCORD_LIMITS.embedTitle, 'title');
  total += limit(embed.description, DISCORD_LIMITS.embedDescription, 'description');
  if (isObject(embed.footer))
    total += limit(embed.footer.text, DISCORD_LIMITS.embedFooterText, 'footer.text');
  if (isObject(embed.author))
    total += limit(embed.author.name, DISCORD_LIMITS.embedAuthorName, 'author.name');
  const fields = asArray(embed.fields);
  if (fields.length > DISCORD_LIMITS.embedFields) {
    problems.push(`embeds[${index}] has more than ${DISCORD_LIMITS.embedFields} fields`);
  }
  fields.forEach((field, at) => {
    if (!isObject(field)) return;
    total += limit(field.name, DISCORD_LIMITS.embedFieldName, `fields[${at}].name`);
    total += limit(field.value, DISCORD_LIMITS.embedFieldValue, `fields[${at}].value`);
  });
  return total;
}

/** Walks a component tree; returns how many components it holds. */
function componentProblems(components: unknown[], inModal: boolean, problems: string[]): number {
  let count = 0;
  const visit = (node: unknown, path: string): void => {
    if (!isObject(node)) return;
    count++;
    const children = asArray(node.components);
    if (node.type === 1 && !inModal && children.length > DISCORD_LIMITS.componentsPerRow) {
      problems.push(`${path} has more than ${DISCORD_LIMITS.componentsPerRow} components`);
    }
    if (length(node.custom_id) > DISCORD_LIMITS.customId) {
      problems.push(`${path}.custom_id is longer than ${DISCORD_LIMITS.customId} characters`);
    }
    if (length(node.label) > DISCORD_LIMITS.label) {
      problems.push(`${path}.label is longer than ${DISCORD_LIMITS.label} characters`);
    }
    if (asArray(node.options).length > DISCORD_LIMITS.selectOptions) {
      problems.push(`${path} has more than ${DISCORD_LIMITS.selectOptions} options`);
    }
    children.forEach((child, at) => visit(child, `${path}.components[${at}]`));
    if (node.component !== undefined) visit(node.component, `${path}.component`);
    if (node.accessory !== undefined) visit(node.accessory, `${path}.accessory`);
  };
  components.forEach((component, index) => visit(component, `components[${index}]`));
  return count;
}
