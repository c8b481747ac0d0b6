import type { DomainEvent } from '@timekeeper/contracts';
import { contractEvents, type StorageCommand } from '@timekeeper/storage';

/**
 * The domain event of a write that was journaled during a Redis outage and has just been applied.
 * The journal is shared, so this process may replay writes of any service; it publishes their events.
 */
export function replayedEvent(command: StorageCommand, outcome: unknown): DomainEvent | null {
  if (!outcome || typeof outcome !== 'object' || (outcome as { ok?: unknown }).ok !== true) return null;
  // The command's op says which outcome shape this is (storage returned it for this command).
  const o = outcome as never;
  switch (command.op) {
    case 'clockIn':
      return contractEvents.clockIn(o);
    case 'clockOut': {
      const event = contractEvents.clockOut(o, 'user');
      return event.actorId === null ? { ...event, cause: 'auto' } : event;
    }
    case 'forceClockOut':
      return contractEvents.forced(o);
    case 'switchCategory':
      return contractEvents.switched(o);
    case 'editSession':
      return contractEvents.edited(o);
    case 'deleteSession':
      return contractEvents.deleted(o);
    case 'createCategory':
      return contractEvents.category(o, 'added');
    case 'editCategory':
      return contractEvents.category(o, 'edited');
    case 'archiveCategory':
      return contractEvents.category(o, 'archived');
    case 'restoreCategory':
      return contractEvents.category(o, 'restored');
    case 'updateSettings':
      return contractEvents.config(o, command.input.patch);
    default:
      return null;
  }
}
