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
