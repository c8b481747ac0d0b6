/**
 * Discord's documented size limits, in one place for every service. The Discord emulator
 * (`packages/discord-emulator/src/validation.ts`) keeps its own copy on purpose: it plays Discord, so
 * it checks our answers against Discord's rules as written there, not against what we believe them to
 * be here; a mistake in this file is then caught by the emulator instead of shared with it.
 * Lengths are counted in UTF-16 code units (JavaScript `string.length`), which is never fewer than
 * the code points Discord counts: staying under these numbers is always safe.
 */
export const DISCORD_LIMITS = {
  /** Message `content`. */
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  /** Sum of title, description, field names and values, footer text and author name over all embeds of a message. */
  embedTotal: 6000,
  embedsPerMessage: 10,
  actionRows: 5,
  componentsPerRow: 5,
  /** Components V2 messages: every component counted, nested ones included. */
  componentsV2Total: 40,
  customId: 100,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectOptionDescription: 100,
  selectPlaceholder: 150,
  autocompleteChoices: 25,
  /** Button label, and a modal component's label. */
  label: 80,
  modalTitle: 45,
  textInputValue: 4000,
  /** Audit-log reason (`X-Audit-Log-Reason`). */
  auditLogReason: 512,
  /** The initial interaction response must be sent within this many ms of Discord sending the interaction. */
  interactionResponseMs: 3000,
  /** An interaction token stays valid for follow-ups and edits this long. */
  interactionTokenMs: 15 * 60 * 1000,
} as const;

/** Limits of application command definitions (the body of a command registration). */
export const COMMAND_LIMITS = {
  nameLength: 32,
  descriptionLength: 100,
  options: 25,
  choices: 25,
  choiceNameLength: 100,
  choiceStringValueLength: 100,
  /** `min_length` / `max_length` of a string option lie within 0..6000 (`max_length` at least 1). */
  stringOptionLength: 6000,
  /** Integer and number option values and choices lie within ±2^53. */
  numberMagnitude: 2 ** 53,
  /** Name, description, choice names and string choice values of a command and all its options together. */
  totalCharacters: 4000,
  /** Global commands per application (chat input). */
  chatInputCommands: 100,
} as const;

/** Timekeeper's own input limits, shared by the command definitions and the services that validate input. */
export const TIMEKEEPER_LIMITS = {
  categoryName: 50,
  categoryDescription: 200,
  categoriesPerGuild: 50,
  /** Category productivity weight range. */
  categoryWeightMin: 0,
  categoryWeightMax: 5,
  sessionDescription: 200,
  /** Reason given for a forced clock-out or an edit (stays well within the audit-log reason limit). */
  reason: 200,
  leaderboardMin: 1,
  leaderboardMax: 25,
  leaderboardDefault: 10,
  maxSessionHoursMin: 1,
  maxSessionHoursMax: 24,
  /** Reminder interval in minutes; 0 turns reminders off. */
  reminderMinutesMax: 1440,
  /** IANA zone names are at most this long in practice (`America/Argentina/ComodRivadavia` is 32). */
  timezoneName: 64,
} as const;
