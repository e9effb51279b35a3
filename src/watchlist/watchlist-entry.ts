import { z } from 'zod';
import type { IdentifierType, OffenceCategory } from '../kernel/vocabulary/index.js';
import { wireValidator } from '../kernel/wire/wire-schemas.js';

// The watchlist entry model shared by every node: one signed version of one entry, as its origin
// wrote it. Pure data and checks only (no Nest, no database), so that the merge rules can be proven
// on their own.

export const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const MAX_REASON_LENGTH = 1000;
/** Longer than any identifier any validator accepts after normalisation. */
export const MAX_VALUE_LENGTH = 512;

/** One version of a watchlist entry. Only `origin` may create versions; `version` counts up there. */
export interface WatchlistEntryVersion {
  /** UUIDv7 chosen by the origin. */
  entryId: string;
  /** The node that created the entry and alone may change or revoke it. */
  origin: string;
  version: number;
  identifierType: IdentifierType;
  /** The normalised identifier (see validateIdentifier). */
  value: string;
  /** Why the identifier is listed; on a tombstone, why it was revoked. */
  reason: string;
  offenceCategory: OffenceCategory;
  severity: Severity;
  caseReference?: string;
  /** ISO 8601 UTC as `Date.toISOString()` writes it; the entry is absent everywhere afterwards. */
  validUntil: string;
  /** A tombstone: final, nothing un-revokes it. */
  revoked: boolean;
  updatedAt: string;
}

/** A version as it travels: any receiver, even through a relay, verifies it against the origin's certificate. */
export interface SignedWatchlistEntry {
  entry: WatchlistEntryVersion;
  /** base64url Ed25519 detached signature of the origin over the domain label and the canonical entry. */
  signature: string;
  /** The origin's node certificate (PEM) whose Ed25519 key made the signature. */
  originCertificate: string;
}

/**
 * Only the one spelling `toISOString()` produces: the database stores timestamps, and a stored
 * version must re-serialise to exactly the bytes the origin signed.
 */
export const isoInstantSchema = z
  .string()
  .max(30)
  .refine((text) => {
    const time = Date.parse(text);
    return Number.isFinite(time) && new Date(time).toISOString() === text;
  }, 'must be an ISO 8601 UTC instant as written by Date.toISOString(), e.g. 2026-01-31T00:00:00.000Z');

export const caseReferenceSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_", "/" or "-"');

/** A version as it travels, checked against docs/schemas/watchlist-entry.json. */
export const watchlistEntryVersionSchema = wireValidator<WatchlistEntryVersion>('watchlist-entry');

export function isExpired(entry: Pick<WatchlistEntryVersion, 'validUntil'>, now: Date): boolean {
  return Date.parse(entry.validUntil) < now.getTime();
}

/** The fields that make up a version, in a fixed order: equal versions must compare equal. */
const CONTENT_FIELDS = [
  'entryId',
  'origin',
  'version',
  'identifierType',
  'value',
  'reason',
  'offenceCategory',
  'severity',
  'caseReference',
  'validUntil',
  'revoked',
  'updatedAt',
] as const satisfies readonly (keyof WatchlistEntryVersion)[];

export function sameContent(a: WatchlistEntryVersion, b: WatchlistEntryVersion): boolean {
  return CONTENT_FIELDS.every((field) => a[field] === b[field]);
}

/** A copy without an absent `caseReference` key, so canonical JSON never meets `undefined`. */
export function withoutUndefined(entry: WatchlistEntryVersion): WatchlistEntryVersion {
  const { caseReference, ...rest } = entry;
  return caseReference === undefined ? rest : { ...rest, caseReference };
}
