import { respond } from '@timekeeper/service-kit';
import { requireManager } from '../flows/access';
import type { AdminDeps } from '../deps';
import { fetchLicenseVerdict } from '../flows/license-status';
import { systemView } from '../views/system';
import { pingServices } from '../flows/ping';
import type { CommandHandler } from './shared';

async function orNull<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch {
    return null;
  }
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms).unref()),
  ]);
}

/** `/admin system`: replicas answering discovery, the license, storage state, and this server's counts. */
export function adminSystem(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const { storage } = deps;
    const [replicas, license, rtt, journalPending, sessions, categories] = await Promise.all([
      pingServices(deps.nc).catch(() => []),
      fetchLicenseVerdict(deps.nc),
      orNull(within(500, deps.nc.rtt())),
      orNull(within(500, storage.journalPending())),
      orNull(within(800, storage.activeSessions(scope.guildId))),
      orNull(within(800, storage.listCategories(scope.guildId, true))),
    ]);
    const all = categories?.ok ? categories.value : null;
    return respond.ephemeral({
      embeds: [
        systemView({
          replicas,
          license,
          natsRttMs: rtt === null ? null : Math.round(rtt),
          storage: { breaker: storage.breakerState, mode: storage.mode, journalPending },
          guild: {
            activeSessions: sessions?.ok ? sessions.value.length : null,
            activeCategories: all ? all.filter((c) => !c.archived).length : null,
            archivedCategories: all ? all.filter((c) => c.archived).length : null,
          },
        }),
      ],
    });
  };
}
