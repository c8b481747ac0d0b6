/** `/admin system`: Timekeeper's health as one embed. Pure. */
import type { APIEmbed } from 'discord-api-types/v10';
import { DISCORD_LIMITS, SERVICE_NAMES, type LicenseVerdict } from '@timekeeper/contracts';
import type { BreakerState } from '@timekeeper/storage';
import type { ServiceReplica } from '../flows/ping';
import { licenseLines } from './license';
import { fitLines } from './text';

export interface SystemSnapshot {
  readonly replicas: readonly ServiceReplica[];
  /** The license sidecar's verdict; null when it did not answer. */
  readonly license: LicenseVerdict | null;
  readonly natsRttMs: number | null;
  readonly storage: {
    readonly breaker: BreakerState;
    readonly mode: 'direct' | 'journal';
    readonly journalPending: number | null;
  };
  readonly guild: {
    readonly activeSessions: number | null;
    readonly activeCategories: number | null;
    readonly archivedCategories: number | null;
  };
}

const GREEN = 0x2ecc71;
const ORANGE = 0xe67e22;
const RED = 0xe74c3c;

const count = (n: number | null): string => (n === null ? 'unavailable' : String(n));

export function systemView(snapshot: SystemSnapshot): APIEmbed {
  const byName = new Map<string, ServiceReplica[]>();
  for (const replica of snapshot.replicas) {
    const list = byName.get(replica.name) ?? [];
    list.push(replica);
    byName.set(replica.name, list);
  }
  const names = [...new Set([...SERVICE_NAMES, ...byName.keys()])];
  const missing = names.filter((name) => !byName.has(name));
  const lines = names.map((name) => {
    const replicas = byName.get(name) ?? [];
    if (replicas.length === 0) return `🔴 **${name}** — not answering`;
    const versions = [...new Set(replicas.map((r) => r.version))].join(', ');
    return `🟢 **${name}** — ${replicas.length} ${replicas.length === 1 ? 'replica' : 'replicas'} (v${versions})`;
  });
  const { storage } = snapshot;
  const storageOk = storage.breaker === 'closed' && storage.mode === 'direct';
  const storageLines = [
    `${storageOk ? '🟢' : '🟠'} Redis circuit: **${storage.breaker}**`,
    storage.mode === 'journal'
      ? '🟠 Writes are going to the outage journal and will be applied when Redis is back'
      : 'Writes go straight to Redis',
    `Journal entries waiting: ${count(storage.journalPending)}`,
  ];
  const critical =
    ['gateway', 'timecard'].some((name) => missing.includes(name)) || storage.breaker === 'open';
  const color = critical ? RED : missing.length > 0 || !storageOk ? ORANGE : GREEN;
  const status = critical
    ? 'Degraded'
    : missing.length > 0 || !storageOk
      ? 'Partly degraded'
      : 'All systems operational';
  return {
    title: `Timekeeper health — ${status}`,
    color,
    fields: [
      { name: 'Services', value: fitLines(lines, DISCORD_LIMITS.embedFieldValue), inline: false },
      {
        name: 'License',
        value: fitLines(licenseLines(snapshot.license), DISCORD_LIMITS.embedFieldValue),
        inline: false,
      },
      { name: 'Storage', value: fitLines(storageLines, DISCORD_LIMITS.embedFieldValue), inline: false },
      {
        name: 'This server',
        value: [
          `Clocked in now: ${count(snapshot.guild.activeSessions)}`,
          `Categories: ${count(snapshot.guild.activeCategories)} active, ${count(snapshot.guild.archivedCategories)} archived`,
        ].join('\n'),
        inline: false,
      },
    ],
    footer: {
      text: `Message bus round trip: ${snapshot.natsRttMs === null ? 'unknown' : `${snapshot.natsRttMs} ms`} · replicas answering within 300 ms`,
    },
  };
}
