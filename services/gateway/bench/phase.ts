/**
 * One open-loop phase of the gateway benchmark: interactions injected at a fixed rate on an absolute
 * schedule, each timed from when it was due to its answer at the emulator, with the CPU every process on
 * the path spent meanwhile.
 */
import { readFileSync } from 'node:fs';
import type { DiscordEmulator } from '@timekeeper/discord-emulator';
import { percentiles, type Percentiles } from './stats';

const USERS = 5_000;
/** Discord's deadline for the first answer; the emulator refuses later callbacks. */
const DEADLINE_MS = 3_000;

/** Epoch ms with sub-millisecond resolution; the emulator's clock too. */
export const clock = (): number => performance.timeOrigin + performance.now();
const sleep = (msToWait: number) => new Promise((resolve) => setTimeout(resolve, msToWait));

export interface RunResult {
  readonly rate: number;
  readonly sent: number;
  readonly answered: number;
  /** Due time → callback at the emulator; unanswered ones count as Infinity. */
  readonly latency: Percentiles;
  /** Due time → the emulator created and dispatched the interaction (the load generator's own delay). */
  readonly injectLag: Percentiles;
  /** CPU ms per interaction, by process. */
  readonly cpuPerInteraction: Record<string, number>;
}

/**
 * Injects through the emulator's in-process entry point (the same path as its control API, without the
 * HTTP round trip): the load generator shares this process with the emulator, and every bit of CPU it
 * spends is taken from the processes being measured on the same cores.
 */
export class Injector {
  constructor(private readonly emulator: DiscordEmulator) {}

  async slash(input: { guildId: string; userId: string; name: string }): Promise<{ id: string }> {
    const injected = await this.emulator.inject({ kind: 'slash', ...input });
    if (injected.dispatched === false) throw new Error('inject: shard not connected');
    return injected;
  }
}

/** CPU ms used so far by each process (this one through process.cpuUsage, the others through /proc). */
function cpuMs(pids: Record<string, number | undefined>): Record<string, number> {
  const usage = process.cpuUsage();
  const result: Record<string, number> = { 'bench+emulator': (usage.user + usage.system) / 1000 };
  for (const [name, pid] of Object.entries(pids)) {
    if (pid === undefined) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime + stime, in clock ticks of 10 ms (USER_HZ = 100 on Linux).
      result[name] = (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // not Linux, or the process is gone: leave it out
    }
  }
  return result;
}

export interface Load {
  readonly emulator: DiscordEmulator;
  readonly injector: Injector;
  readonly guilds: readonly string[];
}

/**
 * Injects `rate` interactions per second for `seconds` on an absolute schedule (interaction i is due at
 * start + i/rate, whatever happened to the ones before), then reads each one's timing.
 */
export async function run(
  { emulator, injector, guilds }: Load,
  rate: number,
  seconds: number,
  pids: Record<string, number | undefined>,
): Promise<RunResult> {
  const total = rate * seconds;
  const period = 1000 / rate;
  const injected: Promise<{ id: string; dueAt: number }>[] = [];
  // Each answer is read as the emulator records it, and the interaction is then forgotten: kept to the
  // end, every interaction and its message would outlive the young generation of this process (which
  // also times the answers) and lengthen its collections.
  const answers = new Map<string, { createdAt: number; at: number }>();
  const stopListening = emulator.onInteractionEvent((interaction, event) => {
    if (event.kind !== 'response') return;
    answers.set(interaction.id, { createdAt: interaction.createdAt, at: event.at });
    emulator.forget(interaction.id);
  });
  const cpuBefore = cpuMs(pids);
  const started = clock();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor((clock() - started) / period) + 1);
    for (; sent < due; sent++) {
      const dueAt = started + sent * period;
      const guildId = guilds[sent % guilds.length]!;
      const userId = String(200_000_000_000_000_000n + BigInt(sent % USERS));
      injected.push(injector.slash({ guildId, userId, name: 'clockin' }).then(({ id }) => ({ id, dueAt })));
    }
    await sleep(1);
  }
  const sentAll = await Promise.all(injected);
  await sleep(DEADLINE_MS); // let the last ones be answered (or miss their 3 s deadline)
  stopListening();
  const cpuAfter = cpuMs(pids);
  const samples: number[] = [];
  const lags: number[] = [];
  for (const { id, dueAt } of sentAll) {
    const answer = answers.get(id);
    // Unanswered interactions are still in the emulator: their dispatch time comes from there.
    const createdAt = answer?.createdAt ?? (await emulator.control.interaction(id)).createdAt;
    samples.push(answer ? answer.at - dueAt : Infinity);
    lags.push(createdAt - dueAt);
  }
  const cpuPerInteraction: Record<string, number> = {};
  for (const [name, after] of Object.entries(cpuAfter)) {
    cpuPerInteraction[name] = (after - (cpuBefore[name] ?? after)) / total;
  }
  return {
    rate,
    sent,
    answered: samples.filter(Number.isFinite).length,
    latency: percentiles(samples),
    injectLag: percentiles(lags),
    cpuPerInteraction,
  };
}
