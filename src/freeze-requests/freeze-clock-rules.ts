import { HOLDING_ANSWERS, type FreezeAnswerStatus } from '../kernel/vocabulary/index.js';
import type { AnswerState } from './entities/freeze-request-copy.entity.js';

// The rules of the request clocks, without a database or a job queue, so they can be tested alone.

/**
 * A copy is ANSWERED once every target's latest answer is substantive (anything but ACKNOWLEDGED);
 * only then does its deadline stop mattering.
 */
export function answerStateOf(
  targetIds: readonly string[],
  latest: ReadonlyMap<string, FreezeAnswerStatus>,
): AnswerState {
  if (latest.size === 0) return 'NONE';
  return targetIds.every((id) => (latest.get(id) ?? 'ACKNOWLEDGED') !== 'ACKNOWLEDGED') ? 'ANSWERED' : 'ACKNOWLEDGED';
}

/** Does this answer leave funds held (and so start, or move, an expiry clock)? */
export function holdsFunds(status: FreezeAnswerStatus): boolean {
  return HOLDING_ANSWERS.includes(status);
}

/** Reminder offsets largest first: the order in which they fall due. */
export function reminderOrder(remindersMs: readonly number[]): number[] {
  return [...new Set(remindersMs)].sort((a, b) => b - a);
}

/** How many reminders (largest first) are due at `now` for a hold ending at `frozenUntil`. */
export function remindersDue(frozenUntil: Date, now: Date, remindersMs: readonly number[]): number {
  return reminderOrder(remindersMs).filter((before) => now.getTime() >= frozenUntil.getTime() - before).length;
}

/** Every moment a hold's clock must look again: each reminder, then the end itself. */
export function holdCheckpoints(frozenUntil: Date, remindersMs: readonly number[]): Date[] {
  return [...reminderOrder(remindersMs).map((before) => new Date(frozenUntil.getTime() - before)), frozenUntil];
}

/**
 * The real time at which a job due at `due` (node clock) must run: the queue counts in real time, the
 * node in its clock (the same outside tests). A due time in the past runs now.
 */
export function realStartAfter(due: Date, clockNow: Date, realNow = Date.now()): Date {
  return new Date(realNow + Math.max(0, due.getTime() - clockNow.getTime()));
}

/** "in 3 d 4 h" / "2 h 5 min ago": how a deadline or an end is written in alerts. */
export function describeInterval(ms: number): string {
  const abs = Math.abs(ms);
  const parts: string[] = [];
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (!days && minutes) parts.push(`${minutes} min`);
  if (parts.length === 0) parts.push(`${Math.round(abs / 1000)} s`);
  return ms >= 0 ? `in ${parts.join(' ')}` : `${parts.join(' ')} ago`;
}
