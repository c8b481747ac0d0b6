/** `pnpm license <command>`: see the root README ("Licensing") and `pnpm license help`. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { systemMachineIdInputs } from '../machine-inputs';
import { UsageError, inspect, issue, keygen, machineId, verifyCommand, type CliIo } from './commands';

const HELP = `pnpm license <command>
  keygen [--out <dir>]                       new Ed25519 signing key pair (vendor)
  issue --signing-key <pem> --licensee <name> --machine-id <id> [--machine-id <id>…]
        --expires <YYYY-MM-DD> [--not-before <date>] [--license-id <id>]
        [--shards <n>] [--servers <n>] [--feature <name>…] [--out <file>]   sign a license (vendor)
  inspect <file>                             show a license's contents (signature not checked)
  machine-id                                 this machine's license id (operator; send it to the vendor)
  verify [<file>] [--public-key <pem file or hex>]   check a license here, as the sidecar does`;

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      'signing-key': { type: 'string' },
      licensee: { type: 'string' },
      'machine-id': { type: 'string', multiple: true },
      expires: { type: 'string' },
      'not-before': { type: 'string' },
      'license-id': { type: 'string' },
      shards: { type: 'string' },
      servers: { type: 'string' },
      feature: { type: 'string', multiple: true },
      'public-key': { type: 'string' },
    },
  });
  try {
    switch (command) {
      case 'keygen':
        return keygen(values, io);
      case 'issue':
        return issue(values, io);
      case 'inspect':
        return inspect(positionals, io);
      case 'machine-id':
        return await machineId(io);
      case 'verify':
        return await verifyCommand(positionals, values, io);
      default:
        io.out(HELP);
        return command === undefined || command === 'help' ? 0 : 2;
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(error.message);
    return 2;
  }
}

/** The real process's sinks; pnpm runs scripts from the workspace root and says where the user was (INIT_CWD). */
function processIo(env: NodeJS.ProcessEnv): CliIo {
  const base = env.INIT_CWD ?? process.cwd();
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    path: (typed) => resolve(base, typed),
    machineInputs: systemMachineIdInputs(env.LICENSE_INSTALLATION_ID),
    env,
    now: Date.now,
  };
}

if (require.main === module) {
  runCli(process.argv.slice(2), processIo(process.env)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`license: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
