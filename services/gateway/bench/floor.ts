/** The floor a gateway round trip cannot beat on this machine: a raw NATS request and a raw HTTP POST. */
import { createServer, request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NatsConnection } from '@nats-io/transport-node';
import { percentiles, type Percentiles } from './stats';

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

async function sample(n: number, fn: () => Promise<unknown>): Promise<Percentiles> {
  for (let i = 0; i < 300; i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = now();
    await fn();
    samples.push(now() - started);
  }
  return percentiles(samples);
}

/** Request/reply to a subscriber in this process: client → server → client → server → client. */
export async function natsFloor(nc: NatsConnection, n: number): Promise<Percentiles> {
  const subscription = nc.subscribe('bench.floor', { callback: (_error, msg) => void msg.respond(msg.data) });
  const payload = new TextEncoder().encode(JSON.stringify({ v: 1, kind: 'ping', padding: 'x'.repeat(1500) }));
  try {
    return await sample(n, () => nc.request('bench.floor', payload, { timeout: 1_000 }));
  } finally {
    subscription.unsubscribe();
  }
}

/** A keep-alive POST of an interaction-sized JSON body to a server answering 204, on loopback. */
export async function httpFloor(n: number): Promise<Percentiles> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.statusCode = 204;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true });
  const body = JSON.stringify({ type: 4, data: { content: 'echo', flags: 64 } });
  const post = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/',
          agent,
          headers: { 'content-type': 'application/json' },
        },
        (response) => {
          response.resume();
          response.on('end', resolve);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  try {
    return await sample(n, post);
  } finally {
    agent.destroy();
    server.close();
  }
}
