import { INITIAL_BACKOFF_STATE, nextRestart, type BackoffState } from '../src/supervisor/backoff';
import { LineSplitter, prefixLine, prettyLogLine } from '../src/supervisor/output-lines';

describe('restart back-off', () => {
  const options = { initialDelayMs: 500, maxDelayMs: 30_000, resetAfterMs: 60_000 };

  it('doubles per crash in a row up to the cap', () => {
    let state: BackoffState = INITIAL_BACKOFF_STATE;
    const delays: number[] = [];
    for (let crash = 0; crash < 9; crash += 1) {
      const next = nextRestart(state, 1000, options);
      delays.push(next.delayMs);
      state = next.state;
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    expect(state.consecutiveCrashes).toBe(9);
  });

  it('starts over after the child stayed up long enough', () => {
    const after = nextRestart({ consecutiveCrashes: 6 }, 60_000, options);
    expect(after).toEqual({ delayMs: 500, state: { consecutiveCrashes: 1 } });
    expect(nextRestart({ consecutiveCrashes: 6 }, 59_999, options).delayMs).toBe(30_000);
  });

  it('never overflows after very many crashes', () => {
    expect(nextRestart({ consecutiveCrashes: 5000 }, 0, options).delayMs).toBe(30_000);
  });
});

describe('output lines', () => {
  it('splits chunks into lines and keeps a partial line for later', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('one\ntw')).toEqual(['one']);
    expect(splitter.push('o\r\nthree\n\n')).toEqual(['two', 'three', '']);
    expect(splitter.push('tail')).toEqual([]);
    expect(splitter.flush()).toEqual(['tail']);
    expect(splitter.flush()).toEqual([]);
  });

  const log = JSON.stringify({
    level: 40,
    time: '2026-03-04T05:06:07.890Z',
    service: 'gateway',
    instance: 'host-1',
    msg: 'NATS disconnect',
    server: '127.0.0.1:4222',
    err: { message: 'socket closed', stack: 'long' },
    note: 'two words',
  });

  it('pretty-prints pino lines briefly, dropping fields the prefix already says', () => {
    expect(prettyLogLine(log)).toBe(
      '05:06:07 WARN  NATS disconnect server=127.0.0.1:4222 err="socket closed" note="two words"',
    );
    expect(prettyLogLine('{"not":"a log"}')).toBeUndefined();
    expect(prettyLogLine('{broken')).toBeUndefined();
  });

  it('prefixes with the padded name; pretty only when asked', () => {
    expect(prefixLine('admin', 'plain text', { nameWidth: 10, pretty: true })).toBe(
      'admin      | plain text',
    );
    expect(prefixLine('gateway', log, { nameWidth: 7, pretty: false })).toBe(`gateway | ${log}`);
    expect(prefixLine('gateway', log, { nameWidth: 7, pretty: true })).toMatch(
      /^gateway \| 05:06:07 WARN {2}NATS/,
    );
  });
});
