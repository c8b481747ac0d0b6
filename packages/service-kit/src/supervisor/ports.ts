/**
 * Which HTTP port each supervised service gets. One HTTP_PORT for the whole stack would give every
 * service the same port and all but one would crash-loop on "address already in use", so the
 * supervisor refuses it (and duplicates, and ports another program holds) before starting anything.
 */
import { createServer } from 'node:net';
import { parsePort } from '../config/env-fields';
import { servicePortVariable } from '../config/parse-config';

export type PortPlan =
  | { readonly ok: true; readonly ports: ReadonlyMap<string, number> }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Each service's port from `<NAME>_HTTP_PORT` or its default. Pure. */
export function planPorts(defaults: ReadonlyMap<string, number>, env: NodeJS.ProcessEnv): PortPlan {
  const problems: string[] = [];
  const names = [...defaults.keys()];
  if (env.HTTP_PORT) {
    problems.push(
      `HTTP_PORT=${env.HTTP_PORT} would give all ${names.length} services the same port; set each service's port on its own (${names.map(servicePortVariable).join(', ')}) and unset HTTP_PORT`,
    );
  }
  const ports = new Map<string, number>();
  for (const [name, fallback] of defaults) {
    const variable = servicePortVariable(name);
    const raw = env[variable]?.trim();
    if (!raw) {
      ports.set(name, fallback);
      continue;
    }
    const parsed = parsePort(raw);
    if (parsed.ok) ports.set(name, parsed.value);
    else problems.push(`${variable} is invalid; expected ${parsed.expected}`);
  }
  const byPort = new Map<number, string[]>();
  for (const [name, port] of ports) byPort.set(port, [...(byPort.get(port) ?? []), name]);
  for (const [port, sharing] of byPort) {
    if (sharing.length > 1) {
      problems.push(
        `${sharing.map(servicePortVariable).join(' and ')} are all ${port}; each service needs its own port`,
      );
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, ports };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** A problem line for every planned port another program already listens on. */
export async function portsTaken(ports: ReadonlyMap<string, number>): Promise<string[]> {
  const problems: string[] = [];
  for (const [name, port] of ports) {
    if (!(await portIsFree(port))) {
      problems.push(
        `port ${port} of ${name} is already in use; stop what holds it or set ${servicePortVariable(name)}`,
      );
    }
  }
  return problems;
}
