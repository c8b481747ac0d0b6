import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { NatsServer, findBinary, freePort } from '@timekeeper/testing';
import {
  SERVICE_ERROR_CODE_HEADER,
  SERVICE_ERROR_HEADER,
  ServiceError,
  defineService,
  startService,
  type PingResponse,
  type StatsResponse,
} from '../src';
import { httpGet, startTestService, stopAllServices } from './support/services';

const SUBJECT = 'tk.v1.interaction.timecard';

const echoService = defineService({
  name: 'timecard',
  version: '1.0.0',
  description: 'answers with its instance id',
  setup: (ctx) => {
    ctx.handle(
      SUBJECT,
      async (msg) => (msg.string() === 'fail' ? Promise.reject(new Error('boom')) : ctx.config.INSTANCE_ID),
      {
        endpointName: 'interaction',
      },
    );
    ctx.handle('tk.v1.test.forbidden', async () => {
      throw new ServiceError(403, 'not allowed');
    });
  },
});

async function collect<T>(nc: NatsConnection, subject: string): Promise<T[]> {
  const replies = await nc.requestMany(subject, '', { strategy: 'timer', maxWait: 400 });
  const out: T[] = [];
  for await (const reply of replies) out.push(reply.json<T>());
  return out;
}

let nats: NatsServer;
let client: NatsConnection;

beforeAll(async () => {
  nats = await NatsServer.start({ jetstream: false });
  client = await connect({ servers: nats.url });
});

afterEach(stopAllServices);

afterAll(async () => {
  await client?.close();
  await nats?.destroy();
});

describe('request handling', () => {
  it('splits requests between two instances in the queue group named after the service', async () => {
    await startTestService(echoService, nats.url, { INSTANCE_ID: 'one' });
    await startTestService(echoService, nats.url, { INSTANCE_ID: 'two' });
    const answers = await Promise.all(
      Array.from({ length: 60 }, async () =>
        (await client.request(SUBJECT, 'hi', { timeout: 2000 })).string(),
      ),
    );
    const one = answers.filter((answer) => answer === 'one').length;
    const two = answers.filter((answer) => answer === 'two').length;
    expect(one + two).toBe(60);
    expect(one).toBeGreaterThan(0);
    expect(two).toBeGreaterThan(0);
  });

  it('answers errors with the service-error headers and counts them in $SRV.STATS', async () => {
    const service = await startTestService(echoService, nats.url);
    await client.request(SUBJECT, 'ok', { timeout: 2000 });
    const failed = await client.request(SUBJECT, 'fail', { timeout: 2000 });
    expect(failed.headers?.get(SERVICE_ERROR_HEADER)).toBe('internal error');
    expect(failed.headers?.get(SERVICE_ERROR_CODE_HEADER)).toBe('500');
    const forbidden = await client.request('tk.v1.test.forbidden', '', { timeout: 2000 });
    expect(forbidden.headers?.get(SERVICE_ERROR_CODE_HEADER)).toBe('403');
    expect(forbidden.headers?.get(SERVICE_ERROR_HEADER)).toBe('not allowed');

    const [stats] = await collect<StatsResponse>(client, `$SRV.STATS.timecard.${service.identity.id}`);
    expect(stats?.type).toBe('io.nats.micro.v1.stats_response');
    expect(Date.parse(stats?.started ?? '')).toBeGreaterThan(Date.now() - 60_000);
    const interaction = stats?.endpoints.find((endpoint) => endpoint.name === 'interaction');
    expect(interaction).toMatchObject({
      subject: SUBJECT,
      queue_group: 'timecard',
      num_requests: 2,
      num_errors: 1,
      last_error: '500:internal error',
    });
    expect(interaction?.processing_time).toBeGreaterThan(0);
    expect(interaction?.average_processing_time).toBe(Math.round((interaction?.processing_time ?? 0) / 2));

    const metrics = (await httpGet(service.httpPort, '/metrics')).body;
    expect(metrics).toMatch(
      /^timekeeper_nats_requests_total\{endpoint="interaction",outcome="ok",service="timecard",instance="[^"]+"\} 1$/m,
    );
    expect(metrics).toMatch(
      /^timekeeper_nats_requests_total\{endpoint="interaction",outcome="error",.*\} 1$/m,
    );
  });

  it('lists every running instance in $SRV.PING and describes endpoints in $SRV.INFO', async () => {
    const first = await startTestService(echoService, nats.url);
    const second = await startTestService(echoService, nats.url);
    const pings = await collect<PingResponse>(client, '$SRV.PING');
    expect(pings.map((ping) => ping.id).sort()).toEqual([first.identity.id, second.identity.id].sort());
    expect(pings[0]).toMatchObject({
      type: 'io.nats.micro.v1.ping_response',
      name: 'timecard',
      version: '1.0.0',
    });
    const infos = await collect<{ type: string; endpoints: { name: string }[] }>(
      client,
      `$SRV.INFO.timecard.${first.identity.id}`,
    );
    expect(infos).toHaveLength(1);
    expect(infos[0]?.endpoints.map((endpoint) => endpoint.name).sort()).toEqual([
      'interaction',
      'tk.v1.test.forbidden',
    ]);
  });

  it('finishes an in-flight request before stopping', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const closed: string[] = [];
    const slow = await startTestService(
      defineService({
        name: 'export',
        version: '1.0.0',
        description: 'slow',
        setup: (ctx) => {
          ctx.handle('tk.v1.test.slow', async () => {
            await gate;
            return 'finished';
          });
          ctx.onClose(() => void closed.push('first registered'));
          ctx.onClose(() => void closed.push('second registered'));
        },
      }),
      nats.url,
    );
    const answer = client.request('tk.v1.test.slow', '', { timeout: 5000 });
    await waitFor(() => slow.inFlightRequests() === 1);
    const stopped = slow.stop();
    let stopDone = false;
    void stopped.then(() => (stopDone = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stopDone).toBe(false);
    expect((await httpGet(slow.httpPort, '/readyz')).status).toBe(503);
    release();
    expect((await answer).string()).toBe('finished');
    await stopped;
    expect(closed).toEqual(['second registered', 'first registered']);
    expect(slow.nc.isClosed()).toBe(true);
    await expect(httpGet(slow.httpPort, '/healthz')).rejects.toThrow();
  });
});

describe('HTTP server', () => {
  it('serves extra routes and readiness checks next to /healthz', async () => {
    let cacheUp = false;
    const service = await startTestService(
      defineService({
        name: 'gateway',
        version: '1.0.0',
        description: 'routes',
        setup: (ctx) => {
          ctx.addRoute('POST', '/interactions', (_request, response) => void response.writeHead(202).end());
          ctx.addReadinessCheck('cache', () => cacheUp);
        },
      }),
      nats.url,
    );
    const post = await fetch(`http://127.0.0.1:${service.httpPort}/interactions`, { method: 'POST' });
    expect(post.status).toBe(202);
    expect((await httpGet(service.httpPort, '/interactions')).status).toBe(405);
    expect((await httpGet(service.httpPort, '/nope')).status).toBe(404);
    expect((await httpGet(service.httpPort, '/healthz')).status).toBe(200);
    const notReady = await httpGet(service.httpPort, '/readyz');
    expect(notReady.status).toBe(503);
    expect(JSON.parse(notReady.body)).toMatchObject({ ready: false, failed: ['cache'] });
    cacheUp = true;
    expect((await httpGet(service.httpPort, '/readyz')).status).toBe(200);
  });

  it('serves /metrics that promtool accepts', async () => {
    const promtool = findBinary('promtool', 'apt-get install -y prometheus (promtool is part of it)');
    const service = await startTestService(echoService, nats.url);
    await client.request(SUBJECT, 'x', { timeout: 2000 });
    const { status, body } = await httpGet(service.httpPort, '/metrics');
    expect(status).toBe(200);
    // The 3 s interaction budget must be a bucket edge.
    expect(body).toMatch(
      /^timekeeper_nats_request_duration_seconds_bucket\{le="3",.*endpoint="interaction"\} 1$/m,
    );
    expect(body).toMatch(/^timekeeper_process_cpu_seconds_total\{service="timecard",instance="[^"]+"\}/m);
    const dir = mkdtempSync(join(tmpdir(), 'tk-metrics-'));
    try {
      const file = join(dir, 'metrics.txt');
      writeFileSync(file, body);
      // `check metrics` reads stdin; run through sh so the file is its input.
      const { stdout, stderr } = await promisify(execFile)('sh', [
        '-c',
        `"${promtool}" check metrics < "${file}"`,
      ]);
      expect(`${stdout}${stderr}`.trim()).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('readiness follows the NATS connection', () => {
  it('turns 503 when nats-server stops and 200 again after it restarts', async () => {
    const own = await NatsServer.start({ jetstream: false });
    try {
      const service = await startTestService(echoService, own.url);
      expect((await httpGet(service.httpPort, '/readyz')).status).toBe(200);
      await own.stop();
      await waitFor(async () => (await httpGet(service.httpPort, '/readyz')).status === 503);
      const report = JSON.parse((await httpGet(service.httpPort, '/readyz')).body) as { failed: string[] };
      expect(report.failed).toEqual(['nats']);
      expect((await httpGet(service.httpPort, '/healthz')).status).toBe(200);
      await own.start();
      await waitFor(async () => (await httpGet(service.httpPort, '/readyz')).status === 200, 15_000);
      const reply = await service.nc.request('$SRV.PING.timecard', '', { timeout: 2000 });
      expect(reply.json<PingResponse>().id).toBe(service.identity.id);
    } finally {
      await stopAllServices();
      await own.destroy();
    }
  }, 30_000);

  it('is not ready until its setup has finished', async () => {
    let finishSetup: () => void = () => undefined;
    const setupDone = new Promise<void>((resolve) => (finishSetup = resolve));
    const slowSetup = defineService({
      name: 'admin',
      version: '1.0.0',
      description: 'slow to set up',
      setup: () => setupDone,
    });
    const port = await freePort();
    const starting = startService(
      slowSetup,
      { NATS_URL: nats.url, HTTP_PORT: String(port), LOG_LEVEL: 'silent' },
      { httpHost: '127.0.0.1' },
    );
    await waitFor(async () => (await httpGet(port, '/healthz').catch(() => ({ status: 0 }))).status === 200);
    await waitFor(async () => JSON.parse((await httpGet(port, '/readyz')).body).checks.nats === 'ok');
    const report = await httpGet(port, '/readyz');
    expect(report.status).toBe(503);
    expect(JSON.parse(report.body)).toMatchObject({ failed: ['started'] });
    finishSetup();
    const service = await starting;
    expect((await httpGet(port, '/readyz')).status).toBe(200);
    await service.stop();
  }, 30_000);

  it('is alive but not ready while waiting for the first connection', async () => {
    const own = await NatsServer.start({ jetstream: false });
    await own.stop();
    const port = await freePort();
    const starting = startService(
      echoService,
      { NATS_URL: own.url, HTTP_PORT: String(port), LOG_LEVEL: 'silent' },
      { httpHost: '127.0.0.1' },
    );
    try {
      await waitFor(
        async () => (await httpGet(port, '/healthz').catch(() => ({ status: 0 }))).status === 200,
      );
      const report = await httpGet(port, '/readyz');
      expect(report.status).toBe(503);
      expect(JSON.parse(report.body)).toMatchObject({
        failed: ['started', 'nats'],
        checks: { started: 'failed: starting', nats: 'failed: not connected yet' },
      });
      await own.start();
      const service = await starting;
      expect((await httpGet(port, '/readyz')).status).toBe(200);
      await service.stop();
    } finally {
      await own.destroy();
    }
  }, 30_000);
});

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
