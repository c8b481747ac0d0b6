/**
 * Corrections waiting for a decision: a manager's preview waiting for Confirm (15 minutes, as long as
 * the interaction's token), or a member's request waiting for Approve / Deny (14 days). A button's
 * custom_id holds only the draft's id; the draft (with the full reason) lives here. The write's event id
 * is the draft id, so a Confirm or Approve pressed twice applies once; a decided draft is removed.
 */
import { isToken, keys } from '../../model/keys';
import { invalid, type InvalidInput } from '../../model/outcomes';
import { checkIds, isObject } from '../../model/validation';
import { parseJson, type Backend } from '../backend';

export const DRAFT_TTL_MS = 15 * 60_000;
/** Members' requests wait for a manager this long. */
export const REQUEST_TTL_MS = 14 * 86_400_000;

/** The largest draft kept (its JSON): a preview and its reason, never a document. */
export const MAX_DRAFT_CHARS = 20_000;

export function checkDraftRef(guildId: string, draftId: string): InvalidInput | null {
  return checkIds({ guildId }) ?? (isToken(draftId) ? null : invalid('draftId', 'not a draft id'));
}

/** A draft is a plain object that JSON keeps as is, of at most `MAX_DRAFT_CHARS`. */
export function checkDraft(draft: unknown): InvalidInput | null {
  if (!isObject(draft)) return invalid('draft', 'a draft is an object');
  let json: string;
  try {
    json = JSON.stringify(draft);
  } catch {
    return invalid('draft', 'a draft is plain JSON');
  }
  return json.length <= MAX_DRAFT_CHARS
    ? null
    : invalid('draft', `a draft has at most ${MAX_DRAFT_CHARS} characters of JSON`);
}

export async function saveDraft(
  backend: Backend,
  guildId: string,
  draftId: string,
  draft: unknown,
  ttlMs: number = DRAFT_TTL_MS,
): Promise<void> {
  await backend.call((r) =>
    r.set(keys.correctionDraft(guildId, draftId), JSON.stringify(draft), 'PX', ttlMs),
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

/** Reads and removes a draft in one step: of two managers answering it at once, one gets it. */
export async function takeDraft<T>(backend: Backend, guildId: string, draftId: string): Promise<T | null> {
  const key = keys.correctionDraft(guildId, draftId);
  const raw = await backend.call((r) => r.getdel(key));
  return raw === null ? null : parseJson<T>(key, raw);
}
