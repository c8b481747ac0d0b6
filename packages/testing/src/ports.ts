import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** Ports tests hand out: below Linux's default ephemeral range (32768–60999) unless the machine's range says otherwise. */
const RANGE = { low: 20_000, high: 32_767 };

function ephemeralRange(): { low: number; high: number } {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    return { low: low!, high: high! };
  } catch {
    return { low: 32_768, high: 60_999 };
  }
}

function listenOnce(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(null));
    server.listen(port, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : null;
      server.close(() => resolve(bound));
    });
  });
}

/**
 * A free TCP port for a test server. It is taken outside the OS's ephemeral range, so once the server is
 * stopped or killed no outgoing connection (Redis clients, HTTP calls of other tests) takes its port
 * meanwhile, and the server can be started again on the same port.
 */
export async function freePort(): Promise<number> {
  const ephemeral = ephemeralRange();
  const outside = ephemeral.low > RANGE.high || ephemeral.high < RANGE.low;
  for (let attempt = 0; outside && attempt < 50; attempt++) {
    const port = RANGE.low + Math.floor(Math.random() * (RANGE.high - RANGE.low + 1));
    if ((await listenOnce(port)) !== null) return port;
  }
  const port = await listenOnce(0);
  if (port === null) throw new Error('no free TCP port');
  return port;
}
