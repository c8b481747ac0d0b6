/**
 * The variables table (`CONFIG_VARIABLES`, rendered into the README) against what each service
 * actually reads: its env shape (common variables plus `src/config.ts`) and any direct
 * `process.env` read in its source. A variable is documented for exactly the services that read it,
 * and its documented default is the default the service applies.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES, type ServiceName } from '@timekeeper/contracts';
import type { z } from 'zod';
import { CONFIG_VARIABLES, commonEnvShape, type ServiceDefinition } from '../src';
import { REPO_ROOT } from './support/processes';

// Services depend on the kit, not the reverse, so their definitions are loaded by path at run time.
async function envShape(name: ServiceName): Promise<Record<string, z.ZodType>> {
  const module = (await import(join(REPO_ROOT, 'services', name, 'src', 'service.ts'))) as Record<
    string,
    unknown
  >;
  const definition = module[`${name}Service`] as ServiceDefinition | undefined;
  if (!definition) throw new Error(`services/${name}/src/service.ts exports no ${name}Service`);
  return { ...commonEnvShape(name), ...(definition.env ?? {}) } as Record<string, z.ZodType>;
}

function directReads(name: ServiceName): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? walk(path) : path.endsWith('.ts') ? [path] : [];
    });
  const reads = walk(join(REPO_ROOT, 'services', name, 'src')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/process\.env(?:\.([A-Z0-9_]+)|\[['"]([A-Z0-9_]+)['"]\])/g)].map(
      (match) => match[1] ?? match[2]!,
    ),
  );
  return reads.filter((variable) => variable !== 'PATH');
}

/** The documented default as this service sees it (HTTP_PORT lists one port per service). */
function documentedDefault(variable: string, service: ServiceName): string | undefined {
  const documented = CONFIG_VARIABLES.find((v) => v.name === variable)?.default;
  if (variable !== 'HTTP_PORT' || documented === undefined) return documented;
  return new RegExp(`\\b${service} (\\d+)`).exec(documented)?.[1];
}

describe.each(SERVICE_NAMES)('%s', (service) => {
  it('documents exactly the variables it reads', async () => {
    const read = new Set([...Object.keys(await envShape(service)), ...directReads(service)]);
    const documented = CONFIG_VARIABLES.filter((v) => v.services.includes(service)).map((v) => v.name);
    expect({ service, variables: [...read].sort() }).toEqual({ service, variables: [...documented].sort() });
  });

  it('applies the default the table documents, and only that one', async () => {
    const problems: string[] = [];
    for (const [variable, schema] of Object.entries(await envShape(service))) {
      const unset = schema.safeParse(undefined);
      const applied = unset.success ? unset.data : undefined;
      const documented = documentedDefault(variable, service);
      // A default computed at start (INSTANCE_ID: `<hostname>-<pid>`) is described in words.
      if (documented !== undefined && /^<.*>$/.test(documented)) continue;
      if (applied === undefined) {
        if (documented !== undefined) {
          problems.push(`${variable}: documented default ${documented}, none applied`);
        }
        continue;
      }
      if (documented === undefined) {
        problems.push(`${variable}: applies a default the table does not document`);
        continue;
      }
      const parsed = schema.safeParse(documented);
      if (!parsed.success || JSON.stringify(parsed.data) !== JSON.stringify(applied)) {
        problems.push(`${variable}: documented ${documented}, applied ${JSON.stringify(applied)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

it('documents no variable that no service reads', () => {
  expect(CONFIG_VARIABLES.filter((v) => v.services.length === 0).map((v) => v.name)).toEqual([]);
});
