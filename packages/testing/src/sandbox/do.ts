/**
 * `pnpm sandbox:do --as <member> "/command option:value"` or `--click "<label>"`: acts in the sandbox as
 * a member and prints Timekeeper's answer the way Discord would show it.
 */
import {
  EmulatorClient,
  type InjectedInteraction,
  type InteractionEventContent,
} from '@timekeeper/discord-emulator';
import { CommandLineError, parseCommandLine } from './command-line';
import { findComponent, renderMessage } from './render';
import { readLastMessage, readState, saveLastMessage, type LastMessage } from './state';

const USAGE =
  'usage: pnpm sandbox:do --as <alice|bob|carol> "/clockin category:work" | --click "<button label>"';

interface Args {
  member: string;
  command?: string;
  click?: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Partial<Args> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if ((arg === '--as' || arg === '--click') && value !== undefined) {
      if (arg === '--as') args.member = value;
      else args.click = value;
      i++;
    } else if (arg !== undefined) args.command = [args.command, arg].filter(Boolean).join(' ');
  }
  if (!args.member || (!args.command && !args.click)) throw new CommandLineError(USAGE);
  return args as Args;
}

/** User id → @name, for showing mentions. */
function names(members: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(members).map(([name, id]) => [id, name]));
}

async function answer(
  control: EmulatorClient,
  injected: InjectedInteraction,
): Promise<InteractionEventContent> {
  const first = await control.awaitResponse(injected.id, { timeoutMs: 5_000 });
  // "Thinking…" (5) or a deferred update (6): the real answer comes as an edit.
  if (first.responseType === 5 || first.responseType === 6) {
    return control.awaitEdit(injected.id, { after: first.index, timeoutMs: 60_000 });
  }
  return first;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const state = readState();
  const userId = state.members[args.member];
  if (!userId)
    throw new CommandLineError(
      `No sandbox member "${args.member}". Members: ${Object.keys(state.members).join(', ')}`,
    );
  const control = new EmulatorClient(state.emulatorUrl);
  const target = { guildId: state.guildId, channelId: state.channelId, userId };

  let injected: InjectedInteraction;
  if (args.click) {
    // The member's last answer first, then the channel's newest messages (e.g. a shared dashboard).
    const label = args.click;
    const candidates = [readLastMessage(args.member), ...(await control.messages(state.channelId)).reverse()];
    const match = candidates
      .map((message) => (message ? { message, found: findComponent(message, label) } : undefined))
      .find((candidate) => candidate?.found !== undefined);
    if (!match?.found) {
      throw new CommandLineError(
        `No button or option "${label}" on ${args.member}'s last answer or in #general.`,
      );
    }
    const { message, found } = match;
    injected =
      found.kind === 'button'
        ? await control.click({ ...target, customId: found.customId, messageId: message.id })
        : await control.select({
            ...target,
            customId: found.customId,
            messageId: message.id,
            values: found.values ?? [],
          });
  } else {
    const parsed = parseCommandLine(args.command ?? '', (name) => state.members[name]);
    injected = await control.slash({ ...target, ...parsed });
  }

  const event = await answer(control, injected);
  const message = event.message ?? (event.body as { data?: LastMessage } | null)?.data;
  if (!message) {
    process.stdout.write(`Timekeeper answered with response type ${event.responseType}.\n`);
    return;
  }
  if (event.message) saveLastMessage(args.member, event.message);
  process.stdout.write(`${renderMessage(message, Date.now(), names(state.members))}\n`);
}

main().catch((error: unknown) => {
  const known =
    error instanceof CommandLineError || (error instanceof Error && error.message.startsWith('No sandbox'));
  process.stderr.write(
    `${known ? '' : 'sandbox:do failed: '}${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(known ? 2 : 1);
});
