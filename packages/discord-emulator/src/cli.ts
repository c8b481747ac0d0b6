#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DiscordEmulator } from './emulator';
import type { EmulatorStartOptions } from './options';

const USAGE = `Usage: discord-emulator [options]
  --port <n>                 port to listen on (default 0: any free port)
  --host <addr>              interface to bind (default 127.0.0.1)
  --token <token>            bot token the clients must present
  --application-id <id>      application (and bot user) id
  --heartbeat-interval <ms>  HELLO heartbeat interval
  --shards <n>               shard count recommended by GET /gateway/bot
  --max-concurrency <n>      session_start_limit.max_concurrency
  --session-start-limit <n>  session_start_limit.total
  --interactions-url <url>   POST interactions (Ed25519-signed) here instead of the gateway
  --rate-limit <n/ms>        per-route bucket, e.g. 50/1000
  --no-deadlines             accept callbacks after 3 s and tokens after 15 min
  --json                     print the start-up information as one JSON line
`;

/** Starts the emulator standalone and prints where it listens; stops on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      'application-id': { type: 'string' },
      'heartbeat-interval': { type: 'string' },
      shards: { type: 'string' },
      'max-concurrency': { type: 'string' },
      'session-start-limit': { type: 'string' },
      'interactions-url': { type: 'string' },
      'rate-limit': { type: 'string' },
      'no-deadlines': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const options: EmulatorStartOptions = {};
  const int = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0)
      throw new Error(`--${name} must be a non-negative integer, got "${raw}"`);
    return value;
  };
  const port = int('port', values.port);
  if (port !== undefined) options.port = port;
  if (values.host) options.host = values.host;
  if (values.token) options.botToken = values.token;
  if (values['application-id']) {
    options.applicationId = values['application-id'];
    options.botUserId = values['application-id'];
  }
  const heartbeat = int('heartbeat-interval', values['heartbeat-interval']);
  if (heartbeat !== undefined) options.heartbeatInterval = heartbeat;
  const shards = int('shards', values.shards);
  if (shards !== undefined) options.recommendedShards = shards;
  const concurrency = int('max-concurrency', values['max-concurrency']);
  if (concurrency !== undefined) options.maxConcurrency = concurrency;
  const sessionStarts = int('session-start-limit', values['session-start-limit']);
  if (sessionStarts !== undefined) options.sessionStartLimit = sessionStarts;
  if (values['interactions-url']) options.interactionsEndpointUrl = values['interactions-url'];
  if (values['rate-limit']) {
    const [limit, windowMs] = values['rate-limit'].split('/').map(Number);
    if (!limit || !windowMs)
      throw new Error(`--rate-limit must look like 50/1000, got "${values['rate-limit']}"`);
    options.rateLimit = { limit, windowMs };
  }
  if (values['no-deadlines']) options.enforceDeadlines = false;

  const emulator = await DiscordEmulator.start(options);
  const info = await emulator.control.info();
  if (values.json) process.stdout.write(`${JSON.stringify(info)}\n`);
  else {
    process.stdout.write(
      [
        `Discord emulator listening on ${info.url}`,
        `  DISCORD_API_URL=${info.apiUrl}`,
        `  DISCORD_TOKEN=${info.botToken}`,
        `  DISCORD_APPLICATION_ID=${info.applicationId}`,
        `  DISCORD_PUBLIC_KEY=${info.publicKey}`,
        `  gateway: ${info.gatewayUrl}`,
        `  control: ${info.url}/__control`,
        '',
      ].join('\n'),
    );
  }
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
});
