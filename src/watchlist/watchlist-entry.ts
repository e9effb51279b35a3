import { z } from 'zod';
import { IDENTIFIER_TYPES, OFFENCE_CATEGORIES } from '../cases/case-content.js';
import type { IdentifierType, OffenceCategory } from '../cases/case-content.js';
import { nodeIdSchema } from '../config/node-config.schema.js';

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

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

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

const textSchema = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max)
    .refine((s) => s.trim() === s, 'must not start or end with white space')
    .refine((s) => !LONE_SURROGATE.test(s), 'must be valid Unicode text')
    // PostgreSQL text cannot hold NUL: one such entry would fail every chunk that carries it.
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

export const caseReferenceSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_", "/" or "-"');

export const watchlistEntryVersionSchema = z.strictObject({
  entryId: z.string().regex(UUID_V7, 'must be a lower-case UUIDv7'),
  origin: nodeIdSchema,
  version: z.number().int().min(1).max(2_000_000_000),
  identifierType: z.enum(IDENTIFIER_TYPES),
  value: textSchema(MAX_VALUE_LENGTH),
  reason: textSchema(MAX_REASON_LENGTH),
  offenceCategory: z.enum(OFFENCE_CATEGORIES),
  severity: z.enum(SEVERITIES),
  caseReference: caseReferenceSchema.optional(),
  validUntil: isoInstantSchema,
  revoked: z.boolean(),
  updatedAt: isoInstantSchema,
});

export const signedWatchlistEntrySchema = z.strictObject({
  entry: watchlistEntryVersionSchema,
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'must be a base64url Ed25519 signature'),
  originCertificate: z.string().min(1).max(20_000),
});

// Compile-time guard: the hand-written model and the schema must not drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const entryMatches: Same<WatchlistEntryVersion, z.output<typeof watchlistEntryVersionSchema>> = true;
void entryMatches;

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
