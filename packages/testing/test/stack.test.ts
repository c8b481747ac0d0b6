import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceNotBuiltError, ServiceStartError, Stack, metricValue } from '../src';

// A stand-in service: serves /readyz (after a short start-up) and /metrics, and logs its env as JSON.
const FIXTURE = `
const http = require('node:http');
const started = Date.now();
if (process.env.FAIL_AT_START) { console.error('config error: FAIL_AT_START is set'); process.exit(2); }
console.log(JSON.stringify({ msg: 'started', instance: process.env.INSTANCE_ID, nats: process.env.NATS_URL,
  redis: process.env.REDIS_URL, api: process.env.DISCORD_API_URL, extra: process.env.EXTRA, pid: process.pid }));
http.createServer((req, res) => {
  if (req.url === '/readyz') { res.statusCode = Date.now() - started > 200 ? 200 : 503; return res.end(); }
  if (req.url === '/metrics') return res.end('demo_total{kind="a"} 2\\ndemo_total{kind="b"} 3\\n');
  res.statusCode = 404; res.end();
}).listen(Number(process.env.HTTP_PORT), '127.0.0.1');
process.on('SIGTERM', () => { console.log(JSON.stringify({ msg: 'stopping' })); process.exit(0); });
`;

describe('Stack', () => {
  let dir: string;
  let entry: string;
  let stack: Stack;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tk-stack-test-'));
    entry = join(dir, 'service.js');
    writeFileSync(entry, FIXTURE);
    stack = await Stack.start({
      discord: { apiUrl: 'http://127.0.0.1:1/api', botToken: 't', applicationId: '1100000000000000001' },
      env: { EXTRA: 'shared' },
    });
  });
  afterAll(async () => {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a service process with the stack environment and waits for /readyz', async () => {
    const service = await stack.startService('demo', { entry, label: 'demo-a' });
    const [record] = service.logRecords();
    expect(record).toMatchObject({
      msg: 'started',
      instance: 'demo-a',
      nats: stack.natsUrl,
      redis: stack.redisUrl,
      api: 'http://127.0.0.1:1/api',
      extra: 'shared',
    });
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    expect(metricValue(await service.metrics(), 'demo_total')).toBe(5);
    expect(metricValue(await service.metrics(), 'demo_total{kind="b"}')).toBe(3);
  });

  it('restarts on the same port after SIGTERM and after kill -9', async () => {
    const service = await stack.startService('demo', { entry, label: 'demo-b', env: { EXTRA: 'own' } });
    const firstPid = service.pid;
    await service.restart();
    expect(service.pid).not.toBe(firstPid);
    expect(service.previousLogs.at(-1)).toContain('"msg":"stopping"');
    const secondPid = service.pid;
    await service.restart({ kill: true });
    expect(service.pid).not.toBe(secondPid);
    expect(service.logRecords()[0]).toMatchObject({ extra: 'own' });
    expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    expect(await service.kill()).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('reports a service that exits before it is ready, quoting its output', async () => {
    const failing = stack.startService('demo', { entry, label: 'demo-c', env: { FAIL_AT_START: '1' } });
    await expect(failing).rejects.toThrow(ServiceStartError);
    await expect(failing).rejects.toThrow(/demo-c exited \(code 2[\s\S]*config error: FAIL_AT_START is set/);
  });

  it('says how to build a service that is not built', async () => {
    await expect(stack.startService('no-such-service')).rejects.toThrow(ServiceNotBuiltError);
    await expect(stack.startService('no-such-service')).rejects.toThrow(
      /build first: pnpm turbo run build --filter=@timekeeper\/no-such-service/,
    );
  });

  it('stops every process and its own servers', async () => {
    const own = await Stack.start();
    const service = await own.startService('demo', { entry });
    const redisDir = own.redis!.dataDir;
    await own.stop();
    expect(service.running).toBe(false);
    expect(own.redis!.running).toBe(false);
    expect(own.nats!.running).toBe(false);
    const { existsSync } = await import('node:fs');
    expect(existsSync(redisDir)).toBe(false);
  });
});
