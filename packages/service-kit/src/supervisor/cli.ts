import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_HTTP_PORTS, SERVICE_NAMES, SERVICE_NODE_FLAGS } from '@timekeeper/contracts';
import { runSupervisor } from './run';

// This file runs from packages/service-kit/dist/supervisor (or src/ in tests): four levels below the root.
const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

const entryOf = (name: string): string => join(REPO_ROOT, 'services', name, 'dist', 'main.js');

// The gateway starts last, once the services it routes to (and the license sidecar) are ready, so the
// first commands are not answered "temporarily unavailable".
const children = SERVICE_NAMES.map((name) => ({
  name,
  command: process.execPath,
  args: [...SERVICE_NODE_FLAGS[name], entryOf(name)],
  cwd: REPO_ROOT,
  defaultPort: DEFAULT_HTTP_PORTS[name],
  startAfter: name === 'gateway' ? SERVICE_NAMES.filter((other) => other !== 'gateway') : [],
}));

const missing = SERVICE_NAMES.filter((name) => !existsSync(entryOf(name)));
if (missing.length > 0) {
  for (const name of missing) {
    process.stderr.write(
      `supervisor: ${relative(REPO_ROOT, entryOf(name))} is missing; run pnpm build first\n`,
    );
  }
  process.exit(1);
}

// Settings may live in a .env file at the root (as for docker compose); the environment wins over it.
const envFile = join(REPO_ROOT, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

if (!process.env.DISCORD_TOKEN) {
  process.stdout.write(
    [
      'supervisor | DISCORD_TOKEN is not set: the gateway and timecard cannot reach Discord and will stop with a',
      'supervisor | configuration error. Put DISCORD_TOKEN and DISCORD_APPLICATION_ID in .env (see deploy/env.example),',
      'supervisor | or try Timekeeper without a bot against a local Discord: pnpm sandbox',
      '',
    ].join('\n'),
  );
}

void runSupervisor({
  children,
  env: process.env,
  dataRoot: join(REPO_ROOT, '.data'),
  pretty: process.stdout.isTTY === true,
});
