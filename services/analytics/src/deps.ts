/** What every handler of the analytics service works with, plus the checks they share. */
import type { ErrorCode } from '@timekeeper/contracts';
import { InteractionError, readValue, type InteractionDeps } from '@timekeeper/service-kit';
import type { Category, ReadResult, Storage } from '@timekeeper/storage';
import type { ResultCache } from './cache';
import type { ChartRenderer } from './render/charts';
import type { MemberDirectory } from './flows/members';
import type { CustomIds } from './ids';
import type { AnalyticsMetrics } from './metrics';

export interface AnalyticsDeps extends InteractionDeps<Storage> {
  readonly ids: CustomIds;
  readonly cache: ResultCache;
  readonly charts: ChartRenderer;
  readonly members: MemberDirectory;
  readonly metrics: AnalyticsMetrics;
}

/** The value of a read, or the shared refusal when storage cannot answer or refuses the input. */
export function valueOf<T>(result: ReadResult<T>): T {
  return readValue(result);
}

export function refuse(code: ErrorCode, message: string): InteractionError {
  return new InteractionError(code, message);
}

/** All categories, archived ones too (old sessions keep their names). */
export async function loadCategories(
  deps: Pick<AnalyticsDeps, 'storage'>,
  guildId: string,
): Promise<Category[]> {
  return valueOf(await deps.storage.listCategories(guildId, true));
}
