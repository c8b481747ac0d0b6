import { freePort } from '@timekeeper/testing';
import { startService, type EnvShape, type ServiceDefinition, type ServiceHandle } from '../../src';

const started: ServiceHandle<unknown>[] = [];

/** Starts a service in-process on a free HTTP port, quiet, and remembers it for stopAllServices. */
export async function startTestService<Shape extends EnvShape>(
  definition: ServiceDefinition<Shape>,
  natsUrl: string,
  env: Record<string, string> = {},
) {
  const handle = await startService(
    definition,
    { NATS_URL: natsUrl, HTTP_PORT: String(await freePort()), LOG_LEVEL: 'silent', ...env },
    { httpHost: '127.0.0.1' },
  );
  started.push(handle as ServiceHandle<unknown>);
  return handle;
}

export async function stopAllServices(): Promise<void> {
  await Promise.all(started.splice(0).map((handle) => handle.stop()));
}

export async function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, body: await response.text() };
}
