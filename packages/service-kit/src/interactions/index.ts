export { createDiscordApi, type DiscordApiOptions } from './discord-api';
export { CommandOptions } from './options';
export { isManager } from './permissions';
export { respond } from './responses';
export {
  InteractionError,
  InteractionRouter,
  type AutocompleteScope,
  type CommandScope,
  type DirectMessageScope,
  type ComponentScope,
  type InteractionScope,
  type ModalScope,
} from './router';
export { serveInteractions } from './serve';
export { answerNotBuiltYet } from './not-built';
export { interactionInputProblem } from './validate-interaction';
export {
  EVENT_ID_CONFLICT_MESSAGE,
  INVALID_RECORD_MESSAGE,
  STORAGE_ERROR_REFUSALS,
  STORAGE_UNAVAILABLE_MESSAGE,
  WRITE_CONTENTION_MESSAGE,
  readValue,
  storageErrorRefusal,
  storageRejection,
  withStorageRefusals,
  type StorageRead,
} from './storage-refusals';
export { userText } from './user-text';
