import type { NotesRepository } from './repository';

/**
 * The trash's retention: a deleted note is kept `trashDays` (a setting, 30 by default) so that
 * it can be restored, then deleted for good — the trash must not keep a reader's deleted text
 * in IndexedDB forever. Run when the popup or the options page opens and when the background
 * starts; each run is one transaction (NotesRepository.purgeTrash).
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes for good every note that has been in the trash longer than `trashDays`; returns how many. */
export function purgeExpiredTrash(
  repo: Pick<NotesRepository, 'purgeTrash'>,
  settings: { trashDays: number },
  now: number = Date.now(),
): Promise<number> {
  return repo.purgeTrash(now - settings.trashDays * DAY_MS);
}

/** Whole days left before a note deleted at `deletedAt` is purged (rounded up; 0 once due). */
export function daysLeft(deletedAt: number, trashDays: number, now: number): number {
  return Math.max(0, Math.ceil((deletedAt + trashDays * DAY_MS - now) / DAY_MS));
}
