import { REST } from '@discordjs/rest';
import { DiscordEmulator } from '../src/index';
import type { EmulatorStartOptions } from '../src/index';

/** A started emulator plus a real REST client pointed at it; `stop()` closes both. */
export async function startWithRest(
  options: EmulatorStartOptions = {},
): Promise<{ emulator: DiscordEmulator; rest: REST; stop: () => Promise<void> }> {
  const emulator = await DiscordEmulator.start(options);
  // Few retries and a short timeout keep failing tests quick.
  const rest = new REST({ api: emulator.apiUrl, retries: 1, timeout: 5000, offset: 0 }).setToken(
    emulator.botToken,
  );
  return {
    emulator,
    rest,
    stop: async () => {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
      await emulator.close();
    },
  };
}

/** Waits until `check` passes, polling; for conditions observed on the client side. */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
