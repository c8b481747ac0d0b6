import type { ServiceName } from '@timekeeper/contracts';
import { DEFAULT_HTTP_PORTS } from '@timekeeper/contracts';
import type { z } from 'zod';
import { envFields } from './env-fields';
import { describeVariable, servicePortVariable } from './variables';

export { servicePortVariable };

type Env = Readonly<Record<string, string | undefined>>;

/** Exit code of a process that stopped because its configuration was invalid. */
export const CONFIG_ERROR_EXIT_CODE = 2;

export interface ConfigProblem {
  readonly variable: string;
  /** One line naming the variable and what is expected; never contains the value. */
  readonly message: string;
}

export type ConfigResult<T> =
  | { readonly ok: true; readonly config: T }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`invalid configuration: ${problems.map((problem) => problem.message).join('; ')}`);
  }
}

/**
 * The environment as a service reads it: its own `<NAME>_HTTP_PORT`, when set, stands for HTTP_PORT, so
 * one environment (a .env file, a ConfigMap) can give every service its own port.
 */
export function withServicePort(service: ServiceName, env: Env): Env {
  const own = env[servicePortVariable(service)];
  return own === undefined || own === '' ? env : { ...env, HTTP_PORT: own };
}

/** The variables every service reads; HTTP_PORT defaults per service. */
export function commonEnvShape(service: ServiceName) {
  return {
    NATS_URL: envFields.natsUrl(),
    HTTP_PORT: envFields.httpPort(DEFAULT_HTTP_PORTS[service]),
    LOG_LEVEL: envFields.logLevel(),
    INSTANCE_ID: envFields.instanceId(),
  };
}

export type CommonConfig = z.output<z.ZodObject<ReturnType<typeof commonEnvShape>>>;

/**
 * Validates `env` against `schema`. Empty variables count as unset, so `FOO=` falls back to the
 * default like a missing one. Pure: no printing, no exiting.
 */
export function parseConfig<S extends z.ZodType>(schema: S, env: Env): ConfigResult<z.output<S>> {
  const input: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') input[key] = value;
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  const problems = result.error.issues.map((issue): ConfigProblem => {
    const variable = issue.path.map(String).join('.') || '(environment)';
    if (input[variable] === undefined && issue.code === 'invalid_type') {
      const description = describeVariable(variable)?.description;
      return { variable, message: `${variable} is not set; expected ${description ?? 'a value'}` };
    }
    return { variable, message: `${variable} is invalid; expected ${issue.message}` };
  });
  return { ok: false, problems };
}

/** parseConfig, or print one line per problem to stderr and exit with code 2. */
export function loadConfigOrExit<S extends z.ZodType>(
  schema: S,
  env: Env = process.env,
  service = 'service',
): z.output<S> {
  const result = parseConfig(schema, env);
  if (result.ok) return result.config;
  for (const problem of result.problems)
    process.stderr.write(`${service}: config error: ${problem.message}\n`);
  process.exit(CONFIG_ERROR_EXIT_CODE);
}
