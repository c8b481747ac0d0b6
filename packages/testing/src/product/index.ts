export {
  MemberDriver,
  buttonId,
  selectId,
  textOf,
  viaGateway,
  type Answer,
  type CommandPath,
  type InteractionTransport,
  type Member,
} from './members';
export { TestClock } from './test-clock';
export { eventually } from './eventually';
export { startProduct, MANAGE_GUILD, type Product, type ProductOptions, type ProductGuild } from './product';
