import { ComponentType, MessageFlags } from 'discord-api-types/v10';
import { DiscordApiError, type DiscordErrorTree } from './errors';

/** Discord's documented limits, checked the way its API does. */
export const Limits = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectOptionLabel: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  modalTitle: 45,
  v2Components: 40,
} as const;

type Path = (string | number)[];

/** Collects field errors into Discord's nested `{ a: { 0: { b: { _errors } } } }` tree. */
export class FormErrors {
  private readonly tree: DiscordErrorTree = {};
  private count = 0;

  public add(path: Path, code: string, message: string): void {
    let node = this.tree;
    for (const key of path) {
      const existing = node[String(key)];
      const child = (existing && !Array.isArray(existing) ? existing : {}) as DiscordErrorTree;
      node[String(key)] = child;
      node = child;
    }
    (node._errors ??= []).push({ code, message });
    this.count++;
  }

  public maxLength(path: Path, value: unknown, max: number): void {
    if (typeof value === 'string' && value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  public maxItems(path: Path, value: unknown, max: number): void {
    if (Array.isArray(value) && value.length > max) {
      this.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
    }
  }

  public throwIfAny(): void {
    if (this.count > 0) throw DiscordApiError.invalidFormBody(this.tree);
  }
}

/** Files a message body may reference with `attachment://name`. */
export interface AttachmentContext {
  /** Uploaded `files[n]`: index and filename. */
  uploads: { index: number | null; filename: string }[];
  /** Attachments already on the message (edits), by id and filename. */
  existing: { id: string; filename: string }[];
}

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Validates a message create/edit body (or a callback's `data`, with `prefix = ['data']`). */
export function validateMessage(
  body: unknown,
  files: AttachmentContext,
  prefix: Path = [],
  errors = new FormErrors(),
): void {
  const message = asObject(body) ?? {};
  errors.maxLength([...prefix, 'content'], message.content, Limits.content);
  validateEmbeds(message.embeds, [...prefix, 'embeds'], errors);
  const flags = typeof message.flags === 'number' ? message.flags : 0;
  if ((flags & MessageFlags.IsComponentsV2) !== 0) {
    if (countComponents(message.components) > Limits.v2Components) {
      errors.add(
        [...prefix, 'components'],
        'BASE_TYPE_MAX_LENGTH',
        `Must be ${Limits.v2Components} or fewer in length.`,
      );
    }
  } else {
    validateActionRows(message.components, [...prefix, 'components'], errors);
  }
  validateAttachmentReferences(message, files, prefix, errors);
  errors.throwIfAny();
}

function validateEmbeds(value: unknown, path: Path, errors: FormErrors): void {
  errors.maxItems(path, value, Limits.embeds);
  let total = 0;
  asArray(value).forEach((raw, i) => {
    const embed = asObject(raw) ?? {};
    const at = [...path, i];
    errors.maxLength([...at, 'title'], embed.title, Limits.embedTitle);
    errors.maxLength([...at, 'description'], embed.description, Limits.embedDescription);
    errors.maxItems([...at, 'fields'], embed.fields, Limits.embedFields);
    const footer = asObject(embed.footer);
    const author = asObject(embed.author);
    errors.maxLength([...at, 'footer', 'text'], footer?.text, Limits.embedFooterText);
    errors.maxLength([...at, 'author', 'name'], author?.name, Limits.embedAuthorName);
    total +=
      textLength(embed.title) +
      textLength(embed.description) +
      textLength(footer?.text) +
      textLength(author?.name);
    asArray(embed.fields).forEach((rawField, j) => {
      const field = asObject(rawField) ?? {};
      errors.maxLength([...at, 'fields', j, 'name'], field.name, Limits.embedFieldName);
      errors.maxLength([...at, 'fields', j, 'value'], field.value, Limits.embedFieldValue);
      total += textLength(field.name) + textLength(field.value);
    });
  });
  // Discord counts the characters of all embeds of one message together.
  if (total > Limits.embedTotal) {
    errors.add(path, 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${Limits.embedTotal}`);
  }
}

const textLength = (value: unknown): number => (typeof value === 'string' ? value.length : 0);

function validateActionRows(value: unknown, path: Path, errors: FormErrors): void {
  errors.maxItems(path, value, Limits.actionRows);
  asArray(value).forEach((raw, i) => {
    const row = asObject(raw) ?? {};
    const at = [...path, i];
    if (row.type !== ComponentType.ActionRow) {
      errors.add([...at, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
      return;
    }
    errors.maxItems([...at, 'components'], row.components, Limits.rowComponents);
    asArray(row.components).forEach((rawComponent, j) =>
      validateComponent(rawComponent, [...at, 'components', j], errors),
    );
  });
}

/** Rules for one interactive component; shared by messages and modals. */
export function validateComponent(raw: unknown, at: Path, errors: FormErrors): void {
  const component = asObject(raw) ?? {};
  errors.maxLength([...at, 'custom_id'], component.custom_id, Limits.customId);
  if (component.type === ComponentType.Button) {
    errors.maxLength([...at, 'label'], component.label, Limits.buttonLabel);
  }
  if (component.type === ComponentType.StringSelect) {
    errors.maxItems([...at, 'options'], component.options, Limits.selectOptions);
    asArray(component.options).forEach((option, k) =>
      errors.maxLength([...at, 'options', k, 'label'], asObject(option)?.label, Limits.selectOptionLabel),
    );
  }
}

function countComponents(value: unknown): number {
  let count = 0;
  for (const raw of asArray(value)) {
    const component = asObject(raw);
    if (!component) continue;
    count += 1 + countComponents(component.components);
    if (asObject(component.accessory)) count++;
  }
  return count;
}

/** Every `attachment://name` must name an uploaded file (or, on edits, a kept attachment). */
function validateAttachmentReferences(
  message: Json,
  files: AttachmentContext,
  prefix: Path,
  errors: FormErrors,
): void {
  const renamed = new Map<number, string>();
  asArray(message.attachments).forEach((raw, i) => {
    const attachment = asObject(raw) ?? {};
    const id = String(attachment.id ?? '');
    const upload = files.uploads.find((u) => u.index !== null && String(u.index) === id);
    const kept = files.existing.some((e) => e.id === id);
    if (!upload && !kept) {
      errors.add([...prefix, 'attachments', i, 'id'], 'ATTACHMENT_NOT_FOUND', `Unknown attachment id ${id}`);
    }
    if (upload?.index !== undefined && upload.index !== null && typeof attachment.filename === 'string') {
      renamed.set(upload.index, attachment.filename);
    }
  });
  const available = new Set<string>(files.existing.map((e) => e.filename));
  for (const upload of files.uploads) {
    available.add((upload.index !== null ? renamed.get(upload.index) : undefined) ?? upload.filename);
  }
  walkStrings({ embeds: message.embeds, components: message.components }, [], (value, path) => {
    if (!value.startsWith('attachment://')) return;
    const name = value.slice('attachment://'.length);
    if (!available.has(name)) {
      errors.add([...prefix, ...path], 'ATTACHMENT_NOT_FOUND', `Unknown attachment reference ${value}`);
    }
  });
}

function walkStrings(value: unknown, path: Path, visit: (value: string, path: Path) => void): void {
  if (typeof value === 'string') visit(value, path);
  else if (Array.isArray(value)) value.forEach((item, i) => walkStrings(item, [...path, i], visit));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) walkStrings(item, [...path, key], visit);
  }
}

/** Type 8 callback data. */
export function validateAutocompleteResult(data: unknown): void {
  const errors = new FormErrors();
  const choices = asObject(data)?.choices;
  errors.maxItems(['data', 'choices'], choices, Limits.autocompleteChoices);
  asArray(choices).forEach((choice, i) =>
    errors.maxLength(['data', 'choices', i, 'name'], asObject(choice)?.name, Limits.choiceName),
  );
  errors.throwIfAny();
}

/** Type 9 callback data. */
export function validateModal(data: unknown): void {
  const errors = new FormErrors();
  const modal = asObject(data) ?? {};
  if (typeof modal.custom_id !== 'string')
    errors.add(['data', 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  if (typeof modal.title !== 'string')
    errors.add(['data', 'title'], 'BASE_TYPE_REQUIRED', 'This field is required');
  errors.maxLength(['data', 'custom_id'], modal.custom_id, Limits.customId);
  errors.maxLength(['data', 'title'], modal.title, Limits.modalTitle);
  errors.maxItems(['data', 'components'], modal.components, Limits.actionRows);
  asArray(modal.components).forEach((raw, i) => {
    const row = asObject(raw) ?? {};
    const children = row.type === ComponentType.Label ? [row.component] : asArray(row.components);
    children.forEach((child, j) =>
      validateComponent(child, ['data', 'components', i, 'components', j], errors),
    );
  });
  errors.throwIfAny();
}

/** Discord refuses a message with nothing to show. */
export function assertNotEmpty(body: unknown, fileCount: number): void {
  const message = asObject(body) ?? {};
  const hasContent = typeof message.content === 'string' && message.content.length > 0;
  const hasAny =
    hasContent ||
    asArray(message.embeds).length > 0 ||
    asArray(message.components).length > 0 ||
    fileCount > 0 ||
    !!message.poll;
  if (!hasAny) throw new DiscordApiError(400, 50006, 'Cannot send an empty message');
}
