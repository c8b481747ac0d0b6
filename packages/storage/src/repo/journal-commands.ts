/**
 * Reading a journaled write back, whichever version of storage journaled it. The outage journal may
 * hold writes from before an upgrade; each is either understood and applied, or held with the reason
 * (never dropped).
 */
import { isObject } from '../model/validation';
import { WRITES, type StorageCommand, type WriteOp } from './commands';

/**
 * Earlier versions journaled every write but the clock events with its arguments beside `op` and
 * `ctx` (`{ op: 'editSession', guildId, sessionId, changes, ctx }`); `createCategory` named its
 * category `input`. Today's input is those same fields under `input`.
 */
function upgradeLegacy(value: Record<string, unknown>): Record<string, unknown> {
  if (!('guildId' in value)) return value;
  const { op, ctx, ...args } = value;
  if (op === 'createCategory') {
    const { input, ...rest } = args;
    return { op, ctx, input: { ...rest, category: input } };
  }
  return { op, ctx, input: args };
}

/** The command a journal entry holds, or why it cannot be read as one. */
export function commandFromJournal(value: unknown): StorageCommand | { readonly unreadable: string } {
  if (!isObject(value)) return { unreadable: 'the entry holds no command object' };
  const command = upgradeLegacy(value);
  const op = command.op;
  if (typeof op !== 'string' || !Object.hasOwn(WRITES, op)) {
    return { unreadable: `unknown operation ${JSON.stringify(op)}` };
  }
  if (!isObject(command.input)) return { unreadable: `${op}: the command has no input` };
  if (!isObject(command.ctx)) return { unreadable: `${op}: the command has no write context` };
  return { op: op as WriteOp, input: command.input, ctx: command.ctx } as unknown as StorageCommand;
}
