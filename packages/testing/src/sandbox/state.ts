import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';

// This file runs from packages/testing/dist/sandbox: four levels below the repository root.
export const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
export const SANDBOX_DIR = join(REPO_ROOT, '.data', 'sandbox');

/** What `pnpm sandbox` tells `pnpm sandbox:do`: where the emulator is and who is who. */
export interface SandboxState {
  emulatorUrl: string;
  guildId: string;
  channelId: string;
  activityLogChannelId: string;
  /** Member name → user id. */
  members: Record<string, string>;
}

export type LastMessage = Pick<APIMessage, 'id' | 'content' | 'embeds' | 'components' | 'flags'>;

export function writeState(state: SandboxState): void {
  mkdirSync(SANDBOX_DIR, { recursive: true });
  writeFileSync(join(SANDBOX_DIR, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
}

export function readState(): SandboxState {
  try {
    return JSON.parse(readFileSync(join(SANDBOX_DIR, 'state.json'), 'utf8')) as SandboxState;
  } catch {
    throw new Error('No sandbox is running: start one with `pnpm sandbox` in another terminal first.');
  }
}

/** The last bot message a member saw, so `--click <label>` can find its buttons. */
export function saveLastMessage(member: string, message: LastMessage): void {
  mkdirSync(SANDBOX_DIR, { recursive: true });
  writeFileSync(join(SANDBOX_DIR, `last-${member}.json`), JSON.stringify(message));
}

export function readLastMessage(member: string): LastMessage | undefined {
  try {
    return JSON.parse(readFileSync(join(SANDBOX_DIR, `last-${member}.json`), 'utf8')) as LastMessage;
  } catch {
    return undefined;
  }
}
