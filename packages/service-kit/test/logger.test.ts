import { Writable } from 'node:stream';
import { createLogger } from '../src';

function captureLines(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return {
    stream,
    lines: () =>
      text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes JSON lines carrying service and instance', () => {
    const { stream, lines } = captureLines();
    createLogger({ service: 'admin', instance: 'pod-7', level: 'info', destination: stream }).info('hello');
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 30,
        service: 'admin',
        instance: 'pod-7',
        msg: 'hello',
        time: expect.any(String),
      }),
    ]);
  });

  it('redacts tokens, authorization headers, passwords and secrets', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ service: 'gateway', instance: 'i', level: 'info', destination: stream });
    logger.info(
      {
        token: 't1',
        interaction: { token: 't2', id: '42' },
        headers: { authorization: 'Bot t3' },
        DISCORD_TOKEN: 't4',
        password: 't5',
        redis: { password: 't6' },
        secret: 't7',
      },
      'request',
    );
    const [line] = lines();
    expect(JSON.stringify(line)).not.toMatch(/t[1-7]/);
    expect(line).toMatchObject({
      token: '[redacted]',
      interaction: { token: '[redacted]', id: '42' },
      headers: { authorization: '[redacted]' },
      DISCORD_TOKEN: '[redacted]',
      redis: { password: '[redacted]' },
    });
  });

  it('respects the level', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ service: 'admin', instance: 'i', level: 'warn', destination: stream });
    logger.info('hidden');
    logger.warn('shown');
    expect(lines().map((line) => line.msg)).toEqual(['shown']);
  });
});
