/**
 * Corrections previewed and waiting for Confirm. A button's custom_id holds only the draft's id; the
 * draft (with the full reason) lives here for 15 minutes, as long as the interaction's token. The write's event
 * id is the draft id, so a Confirm pressed twice applies once; an applied draft is dropped.
 */
import { keys } from '../../model/keys';
import { parseJson, type Backend } from '../backend';

export const DRAFT_TTL_MS = 15 * 60_000;

export async function saveDraft(
  backend: Backend,
  guildId: string,
  draftId: string,
  draft: unknown,
): Promise<void> {
  await backend.call((r) =>
    r.set(keys.correctionDraft(guildId, draftId), JSON.stringify(draft), 'PX', DRAFT_TTL_MS),
  );
}

/** The draft, or null when it expired or was already applied. */
export async function readDraft<T>(backend: Backend, guildId: string, draftId: string): Promise<T | null> {
  const key = keys.correctionDraft(guildId, draftId);
  const raw = await backend.call((r) => r.get(key));
  return raw === null ? null : parseJson<T>(key, raw);
}

/** Forgets a draft once applied or cancelled. */
export async function dropDraft(backend: Backend, guildId: string, draftId: string): Promise<void> {
  await backend.call((r) => r.del(keys.correctionDraft(guildId, draftId)));
}
