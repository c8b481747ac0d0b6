import { keys } from '../src';
import { startStorage, stopStorage, type Harness } from './fixture';

const G1 = '100000000000000071';
const G2 = '100000000000000072';
const C1 = '300000000000000001';
const C2 = '300000000000000002';
const BY = '900000000000000009';

let h: Harness;
beforeAll(async () => {
  h = await startStorage({ usageCounters: 'off' });
});
afterAll(() => stopStorage(h));

const record = (guildId: string, channelId: string, messageId: string, createdAt = 1_000) => ({
  guildId,
  channelId,
  messageId,
  createdBy: BY,
  createdAt,
});

describe('dashboards', () => {
  it('keeps one dashboard per channel, hash-tagged by guild, and reports the one it replaced', async () => {
    expect(keys.dashboards(G1)).toBe(`tk:{${G1}}:dashboards`);
    expect(await h.storage.saveDashboard(record(G1, C1, '400000000000000001'))).toBeNull();
    const replaced = await h.storage.saveDashboard(record(G1, C1, '400000000000000002', 2_000));
    expect(replaced?.messageId).toBe('400000000000000001');
    expect((await h.storage.getDashboard(G1, C1))?.messageId).toBe('400000000000000002');
    expect(await h.storage.listDashboards(G1)).toHaveLength(1);
  });

  it('lists per guild, oldest first, and never leaks across guilds', async () => {
    await h.storage.saveDashboard(record(G1, C2, '400000000000000003', 500));
    await h.storage.saveDashboard(record(G2, C1, '400000000000000004'));
    expect((await h.storage.listDashboards(G1)).map((d) => d.channelId)).toEqual([C2, C1]);
    expect((await h.storage.listDashboards(G2)).map((d) => d.messageId)).toEqual(['400000000000000004']);
    expect(await h.storage.getDashboard(G2, C2)).toBeNull();
  });

  it('deletes only while the record still names the message', async () => {
    expect(await h.storage.deleteDashboard(G1, C1, '400000000000000001')).toBe(false);
    expect((await h.storage.getDashboard(G1, C1))?.messageId).toBe('400000000000000002');
    expect(await h.storage.deleteDashboard(G1, C1, '400000000000000002')).toBe(true);
    expect(await h.storage.getDashboard(G1, C1)).toBeNull();
    expect(await h.storage.deleteDashboard(G1, C2)).toBe(true);
    expect(await h.storage.listDashboards(G1)).toEqual([]);
  });

  it('rejects ids that are not snowflakes', async () => {
    await expect(h.storage.saveDashboard(record(G1, 'general', '1'))).rejects.toThrow(/channelId/);
    await expect(h.storage.getDashboard('x', C1)).rejects.toThrow(RangeError);
  });
});
