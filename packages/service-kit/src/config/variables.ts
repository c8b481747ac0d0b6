import type { ServiceName } from '@timekeeper/contracts';
import { DEFAULT_HTTP_PORTS, SERVICE_NAMES } from '@timekeeper/contracts';
import { DEFAULT_DISCORD_API_URL, DEFAULT_NATS_URL } from './env-fields';

export interface ConfigVariable {
  readonly name: string;
  readonly description: string;
  /** Human-readable default, or undefined when the variable has none. */
  readonly default: string | undefined;
  readonly services: readonly ServiceName[];
  /** Never printed, logged or echoed in errors. */
  readonly secret: boolean;
}

const ALL = SERVICE_NAMES;
const DISCORD_REST_USERS: readonly ServiceName[] = ['gateway', 'timecard', 'analytics', 'export', 'admin'];

/** Every environment variable Timekeeper reads; the README configuration table is written from this. */
export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  {
    name: 'NATS_URL',
    description: 'NATS server URL (nats:// or tls://)',
    default: DEFAULT_NATS_URL,
    services: ALL,
    secret: false,
  },
  {
    name: 'HTTP_PORT',
    description: 'Port of the health, readiness and metrics server (1-65535)',
    default: SERVICE_NAMES.map((name) => `${name} ${DEFAULT_HTTP_PORTS[name]}`).join(', '),
    services: ALL,
    secret: false,
  },
  {
    name: 'LOG_LEVEL',
    description: 'pino log level: fatal, error, warn, info, debug, trace or silent',
    default: 'info',
    services: ALL,
    secret: false,
  },
  {
    name: 'INSTANCE_ID',
    description: 'Name of this replica in logs, metrics and service discovery',
    default: '<hostname>-<pid>',
    services: ALL,
    secret: false,
  },
  {
    name: 'REDIS_URL',
    description: 'Redis URL (redis:// or rediss://)',
    default: undefined,
    services: DISCORD_REST_USERS,
    secret: false,
  },
  {
    name: 'DISCORD_TOKEN',
    description: 'Bot token from the Discord developer portal',
    default: undefined,
    services: DISCORD_REST_USERS,
    secret: true,
  },
  {
    name: 'DISCORD_APPLICATION_ID',
    description: 'Application id (a snowflake), used to register commands',
    default: undefined,
    services: ['gateway'],
    secret: false,
  },
  {
    name: 'DISCORD_PUBLIC_KEY',
    description: 'Application public key (64 hex characters) to verify HTTP interactions',
    default: undefined,
    services: ['gateway'],
    secret: false,
  },
  {
    name: 'DISCORD_API_URL',
    description: 'Discord REST base URL (point it at the emulator in tests)',
    default: DEFAULT_DISCORD_API_URL,
    services: DISCORD_REST_USERS,
    secret: false,
  },
  {
    name: 'DISCORD_SHARD_COUNT',
    description: 'Total number of shards (whole number >= 1); unset asks Discord',
    default: undefined,
    services: ['gateway'],
    secret: false,
  },
  {
    name: 'DISCORD_SHARD_IDS',
    description: 'Shards this gateway runs: a list (0,1,2) or a range (0-3); unset runs all',
    default: undefined,
    services: ['gateway'],
    secret: false,
  },
  {
    name: 'GATEWAY_MODE',
    description:
      'How interactions arrive: ws (gateway shards; needs DISCORD_TOKEN), http (POST /interactions; needs DISCORD_PUBLIC_KEY) or both',
    default: 'ws',
    services: ['gateway'],
    secret: false,
  },
  {
    name: 'RATE_LIMIT_USER',
    description:
      'Interactions one user may start per window, e.g. 10/10s (s, m or h), or off; autocomplete gets 3x',
    default: '10/10s',
    services: ['gateway'],
    secret: false,
  },
  {
    name: 'RATE_LIMIT_GUILD',
    description: 'Interactions one server may start per window, e.g. 100/10s, or off; autocomplete gets 3x',
    default: '100/10s',
    services: ['gateway'],
    secret: false,
  },
  {
    name: 'GATEWAY_IDENTIFY_FLOOR',
    description: "Don't IDENTIFY when Discord's remaining daily session starts would drop below this",
    default: '50',
    services: ['gateway'],
    secret: false,
  },
  {
    name: 'GATEWAY_IDENTIFY_LIMIT',
    description:
      'Most IDENTIFYs per shard per window before a crash loop is assumed and identifying stops, or off',
    default: '5/10m',
    services: ['gateway'],
    secret: false,
  },
  {
    name: 'GATEWAY_SHARDS_PER_WORKER',
    description:
      'Run shards in worker threads, this many per worker (or all); unset keeps them on the main thread',
    default: undefined,
    services: ['gateway'],
    secret: false,
  },
  {
    name: 'REGISTER_COMMANDS',
    description:
      'Register the slash commands at start (skipped when Discord already has them): true or false',
    default: 'false',
    services: ['gateway'],
    secret: false,
  },
  {
    name: 'DEV_GUILD_ID',
    description: 'Register commands in this server only (instant; for development) instead of globally',
    default: undefined,
    services: ['gateway'],
    secret: false,
  },
  {
    name: 'CUSTOM_ID_SECRET',
    description:
      'Random secret (32+ characters) that signs button ids; keep it stable. `pnpm start` keeps one in .data/ when unset',
    default: undefined,
    services: ['timecard', 'admin'],
    secret: true,
  },
  {
    name: 'CLOCK_OFFSET_FILE',
    description:
      'Testing and demos only: a file holding milliseconds to add to the clock, so time can be moved forward',
    default: undefined,
    services: ['timecard', 'export', 'admin'],
    secret: false,
  },
  {
    name: 'LICENSE_FILE',
    description: 'Path of the signed license file',
    default: undefined,
    services: ['license'],
    secret: false,
  },
  {
    name: 'LICENSE_PUBLIC_KEY',
    description: 'Ed25519 public key that signs licenses (PEM or 64 hex characters)',
    default: undefined,
    services: ['license'],
    secret: false,
  },
];

export function describeVariable(name: string): ConfigVariable | undefined {
  return CONFIG_VARIABLES.find((variable) => variable.name === name);
}

/** The README configuration table, as Markdown. */
export function configVariablesMarkdown(variables: readonly ConfigVariable[] = CONFIG_VARIABLES): string {
  const rows = variables.map(
    (v) =>
      `| \`${v.name}\` | ${v.description} | ${v.default === undefined ? '—' : `\`${v.default}\``} | ${v.services.join(', ')} |`,
  );
  return ['| Variable | Meaning | Default | Services |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
