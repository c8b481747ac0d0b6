import { metricValue } from '@timekeeper/testing';
import { startGatewayStack, type GatewayStack } from './support';

jest.setTimeout(60_000);

describe('identify budget guard', () => {
  let env: GatewayStack;

  beforeAll(async () => {
    env = await startGatewayStack({ shardCount: 2, emulator: { sessionStartLimit: 40 } });
  });
  afterAll(() => env?.stop());

  it('refuses to identify under the floor: not ready, says why, and spends nothing', async () => {
    const gateway = await env.stack.startService('gateway', {
      waitReady: false,
      env: { DISCORD_SHARD_COUNT: '2', GATEWAY_IDENTIFY_FLOOR: '50' },
    });
    let report: { failed?: string[]; checks?: Record<string, { ok: boolean; error?: string }> } = {};
    for (let attempt = 0; attempt < 100; attempt++) {
      const response = await fetch(`${gateway.url}/readyz`).catch(() => undefined);
      report = response ? ((await response.json()) as typeof report) : {};
      if (JSON.stringify(report).includes('identify budget guard')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(JSON.stringify(report)).toMatch(/identify budget guard: only 40 session starts remain/);
    expect(metricValue(await gateway.metrics(), 'timekeeper_gateway_identify_blocked')).toBe(1);
    expect(gateway.logs).toContain('identify budget guard: not identifying');
    expect(await env.emulator.control.shards()).toEqual([]);
  });
});
