// The query parameters of a TAXII 2.1 objects/manifest request and the `next` token, as pure
// functions. A collection is a fixed list of "static" objects (the node's identity and marking)
// followed by the partner's watchlist feed in change order, so a position is either "k static
// objects served" or "feed after change_seq n": stable under concurrent writes, never skipping.

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;

export type Position = { statics: number } | { feedAfter: string };

/** A TAXII error message (§3.6.1) with its HTTP status, and any headers it needs (Allow, Retry-After). */
export class TaxiiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

export function parseLimit(value: unknown): number {
  if (value === undefined) return DEFAULT_PAGE;
  if (typeof value !== 'string' || !/^[1-9]\d{0,6}$/.test(value))
    throw new TaxiiRequestError(400, 'Bad limit', 'limit must be a positive integer');
  return Math.min(Number(value), MAX_PAGE);
}

/**
 * TAXII timestamps: RFC 3339 in UTC with a Z, with up to microseconds (what the server writes in
 * X-TAXII-Date-Added-Last); kept as text so PostgreSQL compares all six digits.
 */
export function parseAddedAfter(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(value) ||
    !isRealTime(value)
  ) {
    throw new TaxiiRequestError(
      400,
      'Bad added_after',
      'added_after must be a timestamp such as 2026-03-01T09:30:00.123456Z',
    );
  }
  return value;
}

/** Microseconds since the epoch of a TAXII timestamp parseAddedAfter accepted (any 0-6 fraction digits). */
export function taxiiMicros(timestamp: string): bigint {
  const match = /^(.*?)(?:\.(\d{1,6}))?Z$/.exec(timestamp) as RegExpExecArray;
  return BigInt(Date.parse(`${match[1]}Z`)) * 1000n + BigInt((match[2] ?? '').padEnd(6, '0'));
}

/** A TAXII timestamp (RFC 3339, UTC, exactly six fraction digits, §2) of a Date. */
export function taxiiTimestamp(date: Date): string {
  return date.toISOString().replace(/Z$/, '000Z');
}

/** A date and time that exists (no 30 February, no hour 24), whatever the fraction. */
export function isRealTime(timestamp: string): boolean {
  const time = Date.parse(timestamp);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 19) === timestamp.slice(0, 19);
}

export function formatNext(position: Position): string {
  return 'statics' in position ? `s${position.statics}` : `f${position.feedAfter}`;
}

export function parseNext(value: unknown, staticCount: number): Position | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^(?:s(\d{1,3})|f(\d{1,19}))$/.exec(value) : null;
  if (
    !match ||
    (match[1] !== undefined && Number(match[1]) > staticCount) ||
    (match[2] !== undefined && BigInt(match[2]) > 9223372036854775807n)
  ) {
    throw new TaxiiRequestError(400, 'Bad next', 'next must be a value this server returned in an earlier page');
  }
  return match[1] !== undefined ? { statics: Number(match[1]) } : { feedAfter: BigInt(match[2]).toString() };
}

/** The later of two positions. */
export function laterOf(a: Position, b: Position): Position {
  if ('statics' in a && 'statics' in b) return a.statics >= b.statics ? a : b;
  if ('statics' in a) return b;
  if ('statics' in b) return a;
  return BigInt(a.feedAfter) >= BigInt(b.feedAfter) ? a : b;
}

/** The Accept header allows a TAXII 2.1 answer (absent, any, or taxii+json of version 2.1 or none). */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const [type, ...params] = part
      .trim()
      .toLowerCase()
      .split(';')
      .map((p) => p.trim());
    if (type === '*/*' || type === 'application/*') return true;
    if (type !== 'application/taxii+json') return false;
    const version = params.find((p) => p.startsWith('version='));
    return version === undefined || version === 'version=2.1';
  });
}
