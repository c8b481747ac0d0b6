import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_HTTP_PORTS, SERVICE_NAMES } from '@timekeeper/contracts';
import { runSupervisor } from './run';

// This file runs from packages/service-kit/dist/supervisor (or src/ in tests): four levels below the root.
const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

// The gateway starts last, once the services it routes to (and the license sidecar) are ready, so the
// first commands are not answered "temporarily unavailable".
const children = SERVICE_NAMES.map((name) => ({
  name,
  command: process.execPath,
  args: [join(REPO_ROOT, 'services', name, 'dist', 'main.js')],
  cwd: REPO_ROOT,
  defaultPort: DEFAULT_HTTP_PORTS[name],
  startAfter: name === 'gateway' ? SERVICE_NAMES.filter((other) => other !== 'gateway') : [],
}));

const missing = children.filter((child) => !existsSync(child.args[0] ?? ''));
if (missing.length > 0) {
  for (const child of missing) {
    process.stderr.write(
      `supervisor: ${relative(REPO_ROOT, child.args[0] ?? '')} is missing; run pnpm build first\n`,
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
