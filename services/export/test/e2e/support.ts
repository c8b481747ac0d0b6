/**
 * The export service as members meet it: the Discord emulator, private redis-server and nats-server, the
 * gateway (WS mode) and export as real processes built from `dist/`. Sessions are written through
 * storage's own write path (as timecard does) at chosen instants; members ask for exports through the
 * emulator and the answers are read back from it.
 */
import type { DiscordEmulator, InteractionEventContent, OptionValue } from '@timekeeper/discord-emulator';
import { Storage, type WriteResult } from '@timekeeper/storage';
import {
  MANAGE_GUILD,
  startProduct as startStack,
  type Member,
  type ServiceProcess,
  type Stack,
} from '@timekeeper/testing';
import { DateTime } from 'luxon';
import Papa from 'papaparse';
import { Registry } from 'prom-client';

export { MANAGE_GUILD };
export type { Member };

/** The zone the end-to-end servers run in, an instant in it, and the month most tests export. */
export const ZONE = 'Europe/Berlin';
export const at = (iso: string): number => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
export const MARCH = { from: '2026-03-01', to: '2026-03-31' };

export interface Product {
  readonly emulator: DiscordEmulator;
  readonly stack: Stack;
  readonly storage: Storage;
  readonly exporter: ServiceProcess;
  /** Moves the export service's clock (CLOCK_OFFSET_FILE) by `ms` from real time. */
  setClockOffset(ms: number): void;
  stop(): Promise<void>;
}

export async function startProduct(): Promise<Product> {
  const product = await startStack({ services: ['export'], readyTimeoutMs: 60_000 });
  try {
    const storage = await Storage.connect({
      redisUrl: product.stack.redisUrl,
      registry: new Registry(),
      usageCounters: 'off',
      cache: { ttlMs: 1 },
    });
    return {
      emulator: product.emulator,
      stack: product.stack,
      storage,
      exporter: product.services.get('export')!,
      setClockOffset: (ms) => product.clock.set(Date.now() + ms),
      async stop() {
        await storage.close().catch(() => undefined);
        await product.stop();
      },
    };
  } catch (error) {
    await product.stop().catch(() => undefined);
    throw error;
  }
}

let eventCounter = 0;
const ctx = (now: number, actor: string) => ({
  eventId: `seed-${process.pid}-${++eventCounter}`,
  now,
  actor,
});

/** Writes completed sessions for a member through storage's clock-in/clock-out scripts. */
export async function seedSessions(
  storage: Storage,
  member: Member,
  sessions: readonly { start: number; end: number; category?: string }[],
): Promise<void> {
  for (const s of sessions) {
    const input = { guildId: member.guildId, userId: member.userId };
    applied(await storage.clockIn({ ...input, category: s.category ?? 'work' }, ctx(s.start, member.userId)));
    applied(await storage.clockOut(input, ctx(s.end, member.userId)));
  }
}

export async function prepareGuild(
  storage: Storage,
  guildId: string,
  actor: string,
  timeZone: string,
): Promise<void> {
  const now = Date.now();
  applied(await storage.ensureDefaults(guildId, ctx(now, actor)));
  applied(await storage.updateSettings(guildId, { timeZone }, ctx(now, actor)));
}

/** A write that storage applied and accepted, or a failure naming what happened. */
function applied(result: WriteResult<{ ok: boolean }>): void {
  if (result.status !== 'applied' || !result.outcome.ok)
    throw new Error(`seed write refused: ${JSON.stringify(result)}`);
}

export interface ExportAnswer {
  readonly interactionId: string;
  /** The first answer: a deferral (5) for accepted exports, a message (4) for refusals. */
  readonly first: InteractionEventContent;
  readonly ephemeral: boolean;
}

/** Runs `/export` as `member` and returns its first answer (the gateway delivers it). */
export async function runExport(
  emulator: DiscordEmulator,
  member: Member,
  options: Record<string, OptionValue>,
): Promise<ExportAnswer> {
  const injected = await emulator.control.slash({ ...member, name: 'export', options });
  const first = await emulator.control.awaitResponse(injected.id, { timeoutMs: 10_000 });
  const flags = Number((first.body as { flags?: number } | undefined)?.flags ?? 0);
  return { interactionId: injected.id, first, ephemeral: (flags & 64) !== 0 };
}

/** The text of a refusal (a type-4 answer). */
export function refusalText(answer: ExportAnswer): string {
  return String((answer.first.body as { content?: string } | undefined)?.content ?? '');
}

/** Edits of the deferred reply until one carries files; all edits seen on the way. */
export async function awaitDelivery(
  emulator: DiscordEmulator,
  interactionId: string,
  timeoutMs = 120_000,
): Promise<{ edits: InteractionEventContent[]; final: InteractionEventContent }> {
  const deadline = Date.now() + timeoutMs;
  let after = -1;
  const edits: InteractionEventContent[] = [];
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0)
      throw new Error(
        `no file delivered for ${interactionId}: ${edits.map((e) => e.message?.content).join(' | ')}`,
      );
    const events = await emulator.control.events(interactionId, {
      after,
      kinds: ['edit'],
      timeoutMs: Math.min(remaining, 5_000),
    });
    for (const event of events) {
      after = Math.max(after, event.index);
      edits.push(event);
      if ((event.message?.attachments.length ?? 0) > 0) return { edits, final: event };
    }
  }
}

/** The rows of a delivered CSV file (BOM dropped), keyed by its header. */
export function csvRows(bytes: Buffer): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(bytes.toString('utf8').replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  }).data;
}
