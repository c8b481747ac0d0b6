import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { NatsServer } from '@timekeeper/testing';
import { RequestMux } from '../src/router/request-mux';

const text = new TextEncoder();
const read = new TextDecoder();

describe('RequestMux (real nats-server)', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let responder: NatsConnection;

  beforeAll(async () => {
    server = await NatsServer.start();
    [nc, responder] = await Promise.all([connect({ servers: server.url }), connect({ servers: server.url })]);
    responder.subscribe('echo', {
      callback: (_error, msg) => {
        msg.respond(text.encode(`${msg.headers?.get('n')}:${read.decode(msg.data)}`));
      },
    });
    responder.subscribe('silent', { callback: () => undefined });
    await responder.flush();
  });

  afterAll(async () => {
    await Promise.all([nc?.close(), responder?.close()]);
    await server?.destroy();
  });

  it('matches each reply to its request, many at once', async () => {
    const mux = new RequestMux(nc);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const h = headers();
        h.set('n', String(i));
        return mux.request('echo', text.encode(`body${i}`), h, 5_000);
      }),
    );
    answers.forEach((answer, i) => {
      expect(answer.kind).toBe('reply');
      if (answer.kind === 'reply') expect(read.decode(answer.data)).toBe(`${i}:body${i}`);
    });
    expect(mux.inFlight).toBe(0);
    mux.close();
  });

  it('tells "nobody listens" at once, apart from a timeout', async () => {
    const mux = new RequestMux(nc, 20);
    const started = Date.now();
    expect(await mux.request('nobody.here', text.encode('x'), headers(), 5_000)).toEqual({
      kind: 'no_responder',
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    const slow = await mux.request('silent', text.encode('x'), headers(), 100);
    expect(slow).toEqual({ kind: 'timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(mux.inFlight).toBe(0);
    mux.close();
  });

  it('fails what is still waiting when the connection closes', async () => {
    const own = await connect({ servers: server.url });
    const mux = new RequestMux(own);
    const waiting = mux.request('silent', text.encode('x'), headers(), 60_000);
    await own.flush();
    await own.close();
    expect(await waiting).toEqual({ kind: 'failed', problem: 'connection closed' });
  });
});
