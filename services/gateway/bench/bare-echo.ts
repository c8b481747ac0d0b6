/** The bare relay's responder: answers every request on its subject with a fixed reply. */
import { connect } from '@nats-io/transport-node';
import { BARE_SUBJECT } from './bare-pipeline';

async function main(): Promise<void> {
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  const reply = new TextEncoder().encode('{"kind":"ok"}');
  nc.subscribe(BARE_SUBJECT, { queue: 'bare', callback: (_error, msg) => void msg.respond(reply) });
  await nc.flush();
  process.send?.('ready');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
