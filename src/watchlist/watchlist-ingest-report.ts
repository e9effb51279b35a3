import type { WatchlistEntryVersion } from './watchlist-entry.js';

// What an ingest reports back to the sending peer and the log: counts per outcome and reason, and the
// items that need a person's attention (rejections, conflicts), bounded.

const MAX_PROBLEMS = 1000;

export interface IngestProblem {
  index: number;
  origin?: string;
  entryId?: string;
  version?: number;
  outcome: 'IGNORED' | 'REJECTED';
  reason: string;
  detail?: string;
}

export interface IngestResult {
  inserted: number;
  updated: number;
  ignored: number;
  rejected: number;
  /** How many items ended with each reason (NEW, DUPLICATE, BAD_SIGNATURE ...). */
  reasons: Record<string, number>;
  /** Rejections, and ignored items that point at a misbehaving origin (CONFLICT); at most MAX_PROBLEMS. */
  problems: IngestProblem[];
  /** Our change_seq after the last write, or null when nothing changed. */
  head: string | null;
}

/** A problem report naming whatever of origin, entry id and version the (possibly malformed) item reveals. */
export function problem(index: number, subject: unknown, reason: string, detail: string): IngestProblem {
  const item = isRecord(subject) && isRecord(subject.entry) ? subject.entry : subject;
  const field = (key: string, type: 'string' | 'number') =>
    isRecord(item) && typeof item[key] === type ? item[key] : undefined;
  return {
    index,
    origin: field('origin', 'string') as string | undefined,
    entryId: field('entryId', 'string') as string | undefined,
    version: field('version', 'number') as number | undefined,
    outcome: 'REJECTED',
    reason,
    detail,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function record(
  result: IngestResult,
  outcome: 'IGNORED' | 'REJECTED',
  reason: string,
  report: IngestProblem | undefined,
): void {
  if (outcome === 'IGNORED') result.ignored += 1;
  else result.rejected += 1;
  result.reasons[reason] = (result.reasons[reason] ?? 0) + 1;
  if (report && result.problems.length < MAX_PROBLEMS) result.problems.push({ ...report, outcome });
}

export function describe(reason: string, held: WatchlistEntryVersion | undefined): string {
  if (reason === 'CONFLICT')
    return `another version ${held?.version} of this entry with different content is already held; kept it`;
  return `the entry held is of origin ${held?.origin}`;
}
