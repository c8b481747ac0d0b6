import { KeyedDebouncer } from '../../src/workers/dashboard-debouncer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedDebouncer', () => {
  it('turns a burst into one run, and keeps runs of a key at least the interval apart', async () => {
    const runs: { key: string; at: number }[] = [];
    const debouncer = new KeyedDebouncer(async (key) => void runs.push({ key, at: Date.now() }), {
      intervalMs: 200,
      settleMs: 20,
    });
    for (let i = 0; i < 50; i++) debouncer.trigger('g1');
    debouncer.trigger('g2');
    await sleep(80);
    expect(runs.map((r) => r.key).sort()).toEqual(['g1', 'g2']);
    debouncer.trigger('g1');
    debouncer.trigger('g1');
    await sleep(60);
    expect(runs.filter((r) => r.key === 'g1')).toHaveLength(1);
    await sleep(250);
    const g1 = runs.filter((r) => r.key === 'g1');
    expect(g1).toHaveLength(2);
    expect(g1[1]!.at - g1[0]!.at).toBeGreaterThanOrEqual(195);
    await debouncer.stop();
  });

  it('a trigger during a run schedules exactly one more run; stop cancels what is scheduled', async () => {
    let running = 0;
    let release: () => void = () => undefined;
    const debouncer = new KeyedDebouncer(
      async () => {
        running++;
        if (running === 1) await new Promise<void>((resolve) => (release = resolve));
      },
      { intervalMs: 30, settleMs: 5 },
    );
    debouncer.trigger('g');
    await sleep(20);
    expect(running).toBe(1);
    debouncer.trigger('g');
    debouncer.trigger('g');
    release();
    await sleep(80);
    expect(running).toBe(2);
    debouncer.trigger('g');
    await debouncer.stop();
    await sleep(60);
    expect(running).toBe(2);
    expect(debouncer.pending).toBe(0);
  });
});
