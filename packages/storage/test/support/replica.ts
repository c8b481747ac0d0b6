/**
 * A storage replica in its own process, for tests: `node replica.ts <redisUrl> <natsUrl>`; reads one
 * JSON request a line on stdin (`{ id, op, args }`) and answers `{ id, result }` or `{ id, error }`.
 * It never replays the journal on its own timer (only when asked: `recover`), so a test decides when.
 */
import { createInterface } from 'node:readline';
import { connect } from '@nats-io/transport-node';
import { Registry } from 'prom-client';
import { Storage } from '../../src';

type Request = { id: number; op: string; args: Record<string, string | number> };

async function main(): Promise<void> {
  const [redisUrl, natsUrl] = process.argv.slice(2) as [string, string];
  const nats = await connect({ servers: natsUrl });
  const storage = await Storage.connect({
    redisUrl,
    registry: new Registry(),
    nats,
    usageCounters: 'off',
    breaker: { timeoutMs: 1_000, resetTimeoutMs: 200, volumeThreshold: 1 },
    recoveryIntervalMs: 3_600_000,
  });
  const handle = async ({ op, args }: Request): Promise<unknown> => {
    const ctx = { eventId: String(args.eventId), now: Number(args.now), actor: String(args.userId) };
    const member = { guildId: String(args.guildId), userId: String(args.userId) };
    if (op === 'clockIn') return storage.clockIn({ ...member, category: String(args.category) }, ctx);
    if (op === 'clockOut') return storage.clockOut(member, ctx);
    if (op === 'ensureDefaults') return storage.ensureDefaults(member.guildId, ctx);
    if (op === 'ping') return storage.redis.ping();
    if (op === 'recover') {
      await storage.recoverNow();
      return { mode: storage.mode, pending: await storage.journalPending() };
    }
    throw new Error(`unknown op ${op}`);
  };
  const answer = (line: object): boolean => process.stdout.write(`${JSON.stringify(line)}\n`);
  createInterface({ input: process.stdin }).on('line', (line) => {
    const request = JSON.parse(line) as Request;
    handle(request).then(
      (result) => answer({ id: request.id, result }),
      (error: unknown) => answer({ id: request.id, error: String(error) }),
    );
  });
  process.stdin.once('end', () => {
    void storage
      .close()
      .catch(() => undefined)
      .then(() => nats.close())
      .then(() => process.exit(0));
  });
  answer({ id: 0, result: 'ready' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
