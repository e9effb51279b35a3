import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import type { OffenceCategory } from '../kernel/vocabulary/index.js';
import { WatchlistEntryRow } from './entities/watchlist-entry.entity.js';
import type { SignedWatchlistEntry, WatchlistEntryVersion } from './watchlist-entry.js';
import type { FeedSelection } from './watchlist-relay.js';

// The SQL of the watchlist tables. Batch writes go through unnest() so that a page of a thousand
// entries is one statement; change_seq is set by the table's trigger, never here.

/** One row to write: the version, its signature and where it came from. */
export interface WatchlistWrite {
  signed: SignedWatchlistEntry;
  certificateFingerprint: string;
  receivedFrom: string | null;
  onwardTo: string[];
  /** The relay grant the origin signed for us with this version (entries it delivered itself); absent: none. */
  grant?: StoredGrant | null;
  changedBy: string | null;
}

/** A relay grant as a relay keeps it: the signed targets and the origin's signature. */
export interface StoredGrant {
  to: string[];
  signature: string;
}

export interface StoredCertificate {
  fingerprint: string;
  nodeId: string;
  pem: string;
}

export interface WatchlistListFilter {
  identifierType?: string;
  value?: string;
  origin?: string;
  offenceCategory?: OffenceCategory;
  includeRevoked?: boolean;
  includeExpired?: boolean;
}

export interface FeedQuery {
  self: string;
  selection: FeedSelection;
  afterSeq: string;
  limit: number;
  /** How many changes after afterSeq one query looks at (at least limit); see feedWindowEnd. */
  window: number;
  now: Date;
  origins?: string[];
  excludeOrigins?: string[];
}

/** A feed row: the stored entry and the PEM of the certificate that signed it. */
export type FeedRow = WatchlistEntryRow & { pem: string };

/**
 * Rows some partner's feed may serve: ours, and partners' entries their origin let us relay. Others
 * (a partner's entries without an onward grant) are never served, so the feed walks only these,
 * through their own index (migration 1764230000000; the text must match its predicate).
 */
const FEEDABLE = "(received_from IS NULL OR onward_to <> '{}')";

const FEED_LOCK = "SELECT pg_advisory_xact_lock(hashtext('watchlist_change_feed'))";

export function keyOf(entry: Pick<WatchlistEntryVersion, 'origin' | 'entryId'>): string {
  return `${entry.origin}/${entry.entryId}`;
}

/** The signed version a row holds, byte for byte as the origin signed it. */
export function versionOf(row: WatchlistEntryRow): WatchlistEntryVersion {
  return {
    entryId: row.entryId,
    origin: row.origin,
    version: row.version,
    identifierType: row.identifierType,
    value: row.value,
    reason: row.reason,
    offenceCategory: row.offenceCategory,
    severity: row.severity,
    ...(row.caseReference === null ? {} : { caseReference: row.caseReference }),
    validUntil: row.validUntil.toISOString(),
    revoked: row.revoked,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Raw rows come back with snake_case names; map them onto the entity shape. */
function rowOf(raw: Record<string, unknown>): WatchlistEntryRow {
  return Object.assign(new WatchlistEntryRow(), {
    origin: raw.origin,
    entryId: raw.entry_id,
    version: raw.version,
    identifierType: raw.identifier_type,
    value: raw.value,
    reason: raw.reason,
    offenceCategory: raw.offence_category,
    severity: raw.severity,
    caseReference: raw.case_reference,
    validUntil: raw.valid_until,
    revoked: raw.revoked,
    updatedAt: raw.updated_at,
    signature: raw.signature,
    certificateFingerprint: raw.certificate_fingerprint,
    receivedFrom: raw.received_from,
    onwardTo: raw.onward_to,
    relayGrantTo: raw.relay_grant_to,
    relayGrantSignature: raw.relay_grant_signature,
    changedBy: raw.changed_by,
    changeSeq: String(raw.change_seq),
    storedAt: raw.stored_at,
  });
}

/** The grant a relay hands on with a partner's entry it serves (PROTOCOL.md §13.3); nothing when it holds none. */
export function heldGrantOf(
  row: Pick<WatchlistEntryRow, 'relayGrantTo' | 'relayGrantSignature'>,
  self: string,
): { grant?: { relay: string; to: string[]; signature: string } } {
  if (row.relayGrantTo === null || row.relayGrantSignature === null) return {};
  return { grant: { relay: self, to: row.relayGrantTo, signature: row.relayGrantSignature } };
}

/**
 * Serialises watchlist writers until commit. Take it before reading the rows a write depends on:
 * the merge then sees the latest versions, and sequence order equals commit order.
 */
export async function lockFeed(manager: EntityManager): Promise<void> {
  await manager.query(FEED_LOCK);
}

export async function saveCertificates(
  manager: EntityManager,
  certificates: readonly StoredCertificate[],
): Promise<void> {
  if (certificates.length === 0) return;
  await manager.query(
    `INSERT INTO watchlist_certificate (fingerprint, node_id, pem)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT (fingerprint) DO NOTHING`,
    [certificates.map((c) => c.fingerprint), certificates.map((c) => c.nodeId), certificates.map((c) => c.pem)],
  );
}

/** The rows held for these (origin, entry id) keys, by keyOf. */
export async function loadCurrent(
  manager: EntityManager,
  keys: readonly Pick<WatchlistEntryVersion, 'origin' | 'entryId'>[],
): Promise<Map<string, WatchlistEntryRow>> {
  if (keys.length === 0) return new Map();
  const raw = (await manager.query(
    `SELECT e.* FROM watchlist_entry e JOIN unnest($1::text[], $2::uuid[]) AS k(origin, entry_id)
       ON e.origin = k.origin AND e.entry_id = k.entry_id`,
    [keys.map((k) => k.origin), keys.map((k) => k.entryId)],
  )) as Record<string, unknown>[];
  return new Map(raw.map((r) => rowOf(r)).map((row) => [keyOf(row), row]));
}

/** Rows for an entry id, whatever their origin (normally one). */
export async function rowsForEntryId(manager: EntityManager, entryId: string): Promise<WatchlistEntryRow[]> {
  const raw = (await manager.query('SELECT * FROM watchlist_entry WHERE entry_id = $1 ORDER BY origin', [
    entryId,
  ])) as Record<string, unknown>[];
  return raw.map(rowOf);
}

/**
 * Inserts or replaces rows (the caller has merged); returns them as stored, with their new change_seq.
 * The table's trigger sets change_seq and stored_at (clock_timestamp(), under the feed lock, so that
 * stored_at grows with change_seq; TAXII's added_after relies on that order).
 */
export async function writeVersions(
  manager: EntityManager,
  writes: readonly WatchlistWrite[],
): Promise<WatchlistEntryRow[]> {
  if (writes.length === 0) return [];
  const raw = (await manager.query(`${UPSERT_SQL} RETURNING *`, upsertParameters(writes))) as Record<string, unknown>[];
  return raw.map(rowOf);
}

/**
 * As writeVersions, for bulk ingest: returns only the highest change_seq written. The caller has every
 * other column already, and reading back a thousand full rows per chunk cost more than writing them.
 */
export async function writeVersionsForHead(
  manager: EntityManager,
  writes: readonly WatchlistWrite[],
): Promise<string | null> {
  if (writes.length === 0) return null;
  const [row] = (await manager.query(
    `WITH written AS (${UPSERT_SQL} RETURNING change_seq) SELECT max(change_seq)::text AS head FROM written`,
    upsertParameters(writes),
  )) as {
    head: string | null;
  }[];
  return row?.head ?? null;
}

/**
 * Writes versions of entries this database does not hold yet, by COPY, and returns the highest
 * change_seq written. For a partner's backlog this is most of what ingest writes; COPY skips parsing
 * 17 array parameters and the speculative insertion of INSERT … SELECT unnest(…) ON CONFLICT (about a
 * third less time per row, measured on this 2-core machine; the sequence trigger and the certificate
 * foreign key are most of what remains). The caller holds the feed lock and has read that none of
 * these keys exists, so no row can conflict; the trigger still gives each row change_seq and stored_at.
 */
export async function insertNewVersions(
  manager: EntityManager,
  writes: readonly WatchlistWrite[],
): Promise<string | null> {
  if (writes.length === 0) return null;
  if (!manager.queryRunner) throw new Error('insertNewVersions runs in the transaction that holds the feed lock');
  const client = (await manager.queryRunner.connect()) as PoolClient;
  const sink = client.query(copyFrom(`COPY watchlist_entry (${COPY_COLUMNS.join(', ')}) FROM STDIN`));
  await new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
    sink.end(writes.map(copyLine).join(''));
  });
  // The trigger drew every value from the sequence in this session, under the feed lock, in order.
  const [row] = (await manager.query("SELECT currval('watchlist_change_seq')::text AS head")) as { head: string }[];
  return row.head;
}

const COPY_COLUMNS = [
  'origin',
  'entry_id',
  'version',
  'identifier_type',
  'value',
  'reason',
  'offence_category',
  'severity',
  'case_reference',
  'valid_until',
  'revoked',
  'updated_at',
  'signature',
  'certificate_fingerprint',
  'received_from',
  'onward_to',
  'relay_grant_to',
  'relay_grant_signature',
  'changed_by',
];

/** One row in COPY's text format (backslash escapes; \N for NULL). Node ids need no array quoting. */
function copyLine(w: WatchlistWrite): string {
  const e = w.signed.entry;
  const fields = [
    e.origin,
    e.entryId,
    String(e.version),
    e.identifierType,
    e.value,
    e.reason,
    e.offenceCategory,
    e.severity,
    e.caseReference ?? null,
    e.validUntil,
    e.revoked ? 't' : 'f',
    e.updatedAt,
    w.signed.signature,
    w.certificateFingerprint,
    w.receivedFrom,
    `{${w.onwardTo.join(',')}}`,
    w.grant ? `{${w.grant.to.join(',')}}` : null,
    w.grant?.signature ?? null,
    w.changedBy,
  ];
  return `${fields.map(copyField).join('\t')}\n`;
}

function copyField(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : value;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const UPSERT_SQL = `INSERT INTO watchlist_entry (origin, entry_id, version, identifier_type, value, reason, offence_category, severity,
       case_reference, valid_until, revoked, updated_at, signature, certificate_fingerprint, received_from, onward_to,
       relay_grant_to, relay_grant_signature, changed_by)
     SELECT origin, entry_id, version, identifier_type, value, reason, offence_category, severity, case_reference, valid_until,
       revoked, updated_at, signature, certificate_fingerprint, received_from,
       CASE WHEN onward_to = '' THEN '{}'::text[] ELSE string_to_array(onward_to, ',') END,
       string_to_array(relay_grant_to, ','), relay_grant_signature, changed_by
     FROM unnest($1::text[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
       $10::timestamptz[], $11::boolean[], $12::timestamptz[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[],
       $18::text[], $19::text[])
       AS t(origin, entry_id, version, identifier_type, value, reason, offence_category, severity, case_reference, valid_until,
         revoked, updated_at, signature, certificate_fingerprint, received_from, onward_to, changed_by, relay_grant_to,
         relay_grant_signature)
     ON CONFLICT (origin, entry_id) DO UPDATE SET
       version = EXCLUDED.version, identifier_type = EXCLUDED.identifier_type, value = EXCLUDED.value,
       reason = EXCLUDED.reason, offence_category = EXCLUDED.offence_category, severity = EXCLUDED.severity,
       case_reference = EXCLUDED.case_reference, valid_until = EXCLUDED.valid_until, revoked = EXCLUDED.revoked,
       updated_at = EXCLUDED.updated_at, signature = EXCLUDED.signature,
       certificate_fingerprint = EXCLUDED.certificate_fingerprint, received_from = EXCLUDED.received_from,
       onward_to = EXCLUDED.onward_to, relay_grant_to = EXCLUDED.relay_grant_to,
       relay_grant_signature = EXCLUDED.relay_grant_signature, changed_by = EXCLUDED.changed_by`;

function upsertParameters(writes: readonly WatchlistWrite[]): unknown[] {
  const column = <T>(pick: (w: WatchlistWrite) => T): T[] => writes.map(pick);
  return [
    column((w) => w.signed.entry.origin),
    column((w) => w.signed.entry.entryId),
    column((w) => w.signed.entry.version),
    column((w) => w.signed.entry.identifierType),
    column((w) => w.signed.entry.value),
    column((w) => w.signed.entry.reason),
    column((w) => w.signed.entry.offenceCategory),
    column((w) => w.signed.entry.severity),
    column((w) => w.signed.entry.caseReference ?? null),
    column((w) => w.signed.entry.validUntil),
    column((w) => w.signed.entry.revoked),
    column((w) => w.signed.entry.updatedAt),
    column((w) => w.signed.signature),
    column((w) => w.certificateFingerprint),
    column((w) => w.receivedFrom),
    // Node ids never contain commas; a flat string avoids unnest() flattening a 2-D array.
    column((w) => w.onwardTo.join(',')),
    column((w) => w.changedBy),
    // NULL (no grant) stays NULL through string_to_array; a grant names at least one target.
    column((w) => (w.grant ? w.grant.to.join(',') : null)),
    column((w) => w.grant?.signature ?? null),
  ];
}

/** The highest change_seq of rows just written (null for none). */
export function headOf(rows: readonly Pick<WatchlistEntryRow, 'changeSeq'>[]): string | null {
  return rows.reduce<string | null>(
    (max, row) => (max === null || BigInt(row.changeSeq) > BigInt(max) ? row.changeSeq : max),
    null,
  );
}

/** Delivered at commit to every LISTEN-ing process on the database (replicas included). */
export async function notifyChanged(manager: EntityManager, head: string | null): Promise<void> {
  if (head === null) return;
  await manager.query("SELECT pg_notify('watchlist_changed', $1)", [head]);
}

/** A page of the officers' view, in change order. */
export async function listRows(
  manager: EntityManager,
  filter: WatchlistListFilter,
  afterSeq: string,
  take: number,
  now: Date,
): Promise<WatchlistEntryRow[]> {
  const where = ['change_seq > $1'];
  const params: unknown[] = [afterSeq];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  if (filter.identifierType !== undefined) add((p) => `identifier_type = ${p}`, filter.identifierType);
  if (filter.value !== undefined) add((p) => `value = ${p}`, filter.value);
  if (filter.origin !== undefined) add((p) => `origin = ${p}`, filter.origin);
  if (filter.offenceCategory !== undefined) add((p) => `offence_category = ${p}`, filter.offenceCategory);
  if (!filter.includeRevoked) where.push('NOT revoked');
  if (!filter.includeExpired) add((p) => `valid_until >= ${p}`, now);
  params.push(take);
  const raw = (await manager.query(
    `SELECT * FROM watchlist_entry WHERE ${where.join(' AND ')} ORDER BY change_seq LIMIT $${params.length}`,
    params,
  )) as Record<string, unknown>[];
  return raw.map(rowOf);
}

/**
 * What partner `selection.partnerId` may pull among the next `window` feedable changes after `afterSeq`
 * (the relay rule is in watchlist-relay.ts). Tombstones come back as candidates: the caller serves only
 * those of entries the partner was served live (servedLiveAmong). The window is read by change_seq first, in a materialised CTE,
 * so each page costs O(window) whatever the planner believes: without it, a table without fresh
 * statistics (a node that has just taken in a large backlog) was planned as a bitmap scan of every
 * valid entry plus a sort, once per page — quadratic over a catch-up.
 */
export async function feedRows(manager: EntityManager, query: FeedQuery): Promise<FeedRow[]> {
  await orderedFeedScans(manager);
  const raw = (await manager.query(
    `WITH window_rows AS MATERIALIZED (
       SELECT * FROM watchlist_entry WHERE change_seq > $1 AND ${FEEDABLE} ORDER BY change_seq LIMIT $10)
     SELECT e.* FROM window_rows e
     WHERE e.change_seq > $1
       AND e.origin <> $2
       AND (e.origin = $3 OR $2 = ANY(e.onward_to))
       AND ((NOT e.revoked AND e.offence_category = ANY($4::text[])) OR (e.revoked AND e.offence_category = ANY($5::text[])))
       AND e.valid_until >= $6
       AND ($7::text[] IS NULL OR e.origin = ANY($7::text[]))
       AND ($8::text[] IS NULL OR NOT (e.origin = ANY($8::text[])))
     ORDER BY e.change_seq LIMIT $9`,
    [
      query.afterSeq,
      query.selection.partnerId,
      query.self,
      query.selection.live,
      query.selection.tombstones,
      query.now,
      query.origins ?? null,
      query.excludeOrigins ?? null,
      query.limit,
      Math.max(query.window, query.limit),
    ],
  )) as Record<string, unknown>[];
  return withPems(manager, raw.map(rowOf));
}

/** The rows with the PEM of the certificate that signed each. */
async function withPems(manager: EntityManager, rows: WatchlistEntryRow[]): Promise<FeedRow[]> {
  // Each certificate once, not its ~1.5 KB PEM copied into every row (a page holds thousands).
  const fingerprints = [...new Set(rows.map((row) => row.certificateFingerprint))];
  const pems =
    fingerprints.length === 0
      ? []
      : ((await manager.query('SELECT fingerprint, pem FROM watchlist_certificate WHERE fingerprint = ANY($1)', [
          fingerprints,
        ])) as { fingerprint: string; pem: string }[]);
  const pemOf = new Map(pems.map((c) => [c.fingerprint, c.pem]));
  // certificate_fingerprint references watchlist_certificate, so every row finds its PEM.
  return rows.map((row) => Object.assign(row, { pem: pemOf.get(row.certificateFingerprint) ?? '' }));
}

/**
 * For the rest of the caller's transaction, the feed's windows are read the one way that costs
 * O(window): down the change_seq index in order. While a node takes in a backlog its statistics lag
 * the table, and the planner chose a bitmap scan of every row after the cursor plus a sort, even in
 * parallel (70 ms for an empty page of 100,000 rows; it grows with the table).
 */
async function orderedFeedScans(manager: EntityManager): Promise<void> {
  await manager.query(
    "SELECT set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)",
  );
}

/** The last change_seq of the window feedRows looked at, or null when the window reached the last feedable row. */
export async function feedWindowEnd(manager: EntityManager, afterSeq: string, window: number): Promise<string | null> {
  const [row] = (await manager.query(
    `SELECT change_seq::text AS seq FROM watchlist_entry WHERE change_seq > $1 AND ${FEEDABLE} ORDER BY change_seq OFFSET $2 LIMIT 1`,
    [afterSeq, window - 1],
  )) as { seq: string }[];
  return row?.seq ?? null;
}

/** Which of these tombstones' entries `partnerId` was served live (by keyOf); PK lookups only. */
export async function servedLiveAmong(
  manager: EntityManager,
  partnerId: string,
  keys: readonly Pick<WatchlistEntryVersion, 'origin' | 'entryId'>[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = (await manager.query(
    `SELECT s.origin, s.entry_id FROM unnest($2::text[], $3::uuid[]) AS k(origin, entry_id)
       JOIN watchlist_sent_live s ON s.origin = k.origin AND s.entry_id = k.entry_id AND s.partner_id = $1`,
    [partnerId, keys.map((k) => k.origin), keys.map((k) => k.entryId)],
  )) as { origin: string; entry_id: string }[];
  return new Set(rows.map((row) => `${row.origin}/${row.entry_id}`));
}

/** Records that `partnerId` was served live versions of these entries (idempotent, one statement per page). */
export async function recordServedLive(
  manager: EntityManager,
  partnerId: string,
  keys: readonly Pick<WatchlistEntryVersion, 'origin' | 'entryId'>[],
): Promise<void> {
  if (keys.length === 0) return;
  await manager.query(
    `INSERT INTO watchlist_sent_live (origin, entry_id, partner_id)
     SELECT k.origin, k.entry_id, $1 FROM unnest($2::text[], $3::uuid[]) AS k(origin, entry_id)
     ON CONFLICT DO NOTHING`,
    [partnerId, keys.map((k) => k.origin), keys.map((k) => k.entryId)],
  );
}

/**
 * Tombstones, written after change `afterSeq`, of these entries (still inside validUntil, still under
 * the relay rule for `partnerId`). Read down the change_seq index: normally a handful of rows.
 */
export async function tombstonesAfter(
  manager: EntityManager,
  query: { self: string; partnerId: string; afterSeq: string; now: Date },
  keys: readonly Pick<WatchlistEntryVersion, 'origin' | 'entryId'>[],
): Promise<FeedRow[]> {
  if (keys.length === 0) return [];
  const raw = (await manager.query(
    `SELECT e.* FROM watchlist_entry e
     WHERE e.change_seq > $1 AND e.revoked AND e.valid_until >= $2
       AND (e.origin = $3 OR $4 = ANY(e.onward_to))
       AND (e.origin, e.entry_id) IN (SELECT * FROM unnest($5::text[], $6::uuid[]))
     ORDER BY e.change_seq`,
    [query.afterSeq, query.now, query.self, query.partnerId, keys.map((k) => k.origin), keys.map((k) => k.entryId)],
  )) as Record<string, unknown>[];
  return withPems(manager, raw.map(rowOf));
}

/** The highest change_seq in the caller's snapshot (0 when empty). */
export async function headSeq(manager: EntityManager): Promise<string> {
  const [row] = (await manager.query('SELECT coalesce(max(change_seq), 0)::text AS head FROM watchlist_entry')) as {
    head: string;
  }[];
  return row.head;
}

/** What a purge removed: references only (origin/entry id), never the identifier values. */
export interface PurgedRows {
  entries: string[];
  tombstones: string[];
}

/** Deletes up to `limit` live entries past validUntil, and tombstones once they are `tombstoneRetentionMs` past it. */
export async function purgeRows(
  manager: EntityManager,
  now: Date,
  tombstoneRetentionMs: number,
  limit = 1000,
): Promise<PurgedRows> {
  const rows = (await manager.query(
    // A CTE, so that the driver hands back the rows (a bare DELETE … RETURNING comes back as [rows, count]).
    `WITH deleted AS (
       DELETE FROM watchlist_entry
       WHERE (origin, entry_id) IN (
         SELECT origin, entry_id FROM watchlist_entry
         WHERE (NOT revoked AND valid_until < $1) OR (revoked AND valid_until < $2)
         ORDER BY valid_until LIMIT $3)
       RETURNING origin, entry_id, revoked),
     forgotten AS (
       DELETE FROM watchlist_sent_live s USING deleted d WHERE s.origin = d.origin AND s.entry_id = d.entry_id)
     SELECT origin, entry_id, revoked FROM deleted`,
    [now, new Date(now.getTime() - tombstoneRetentionMs), limit],
  )) as { origin: string; entry_id: string; revoked: boolean }[];
  return {
    entries: rows.filter((r) => !r.revoked).map((r) => `${r.origin}/${r.entry_id}`),
    tombstones: rows.filter((r) => r.revoked).map((r) => `${r.origin}/${r.entry_id}`),
  };
}
