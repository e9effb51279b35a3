import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { Subject } from 'rxjs';
import { type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import type { IdentifierType, OffenceCategory, ProtocolVersion } from '../kernel/vocabulary/index.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { InputException } from '../common/errors/input.exception.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { sodiumReady } from '../kernel/crypto/sodium.js';
import { validateIdentifier } from '../identifiers/identifier-validation.js';
import { NodeIdentityService } from '../identity/node-identity.service.js';
import type { WatchlistEntryRow } from './entities/watchlist-entry.entity.js';
import { certificateFingerprint } from './watchlist-certificate.js';
import type { WatchlistEntryVersion } from './watchlist-entry.js';
import {
  checkUpdateAllowed,
  entryFieldsFromInput,
  reasonSchema,
  type EntryFields,
  type WatchlistEntryChange,
} from './watchlist-input.js';
import { signEntryWith } from './watchlist-signing.js';
import {
  DEFAULT_FEED_LIMIT,
  parseCursor,
  WatchlistSyncService,
  type IngestResult,
  type OriginFilter,
  type WatchlistFeedPage,
} from './watchlist-sync.service.js';
import { WatchlistException, WatchlistExceptionCode } from './watchlist.exception.js';
import * as store from './watchlist.store.js';
import { TransactionContext } from '../common/database/transaction-context.js';

export interface WatchlistFilter {
  identifierType?: IdentifierType | null;
  value?: string | null;
  origin?: string | null;
  offenceCategory?: OffenceCategory | null;
  includeRevoked?: boolean | null;
  includeExpired?: boolean | null;
}

export interface WatchlistPageResult {
  entries: WatchlistEntryRow[];
  /** change_seq of the last entry; pass as `after` for the next page. */
  endCursor: string | null;
  hasMore: boolean;
}

/** What addMany wrote, and the inputs it left out because their identifier is already listed (index → entry). */
export interface AddedEntries {
  rows: WatchlistEntryRow[];
  listed: { index: number; entryId: string }[];
}

/** Emitted after every committed change, so that the transport can push to partners at once. */
export interface WatchlistChanged {
  head: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 3600 * 1000;
export const MAX_LIST_PAGE = 500;
/** Who changed which of our entries is on the audit trail (references, never the identifier's value). */
const WATCHLIST_EVENT = {
  added: AuditEventType.WATCHLIST_ENTRY_ADDED,
  updated: AuditEventType.WATCHLIST_ENTRY_UPDATED,
  revoked: AuditEventType.WATCHLIST_ENTRY_REVOKED,
} as const;
/** Tombstones outlive validUntil by this much, in case an origin moved validUntil earlier after all. */
export const DEFAULT_TOMBSTONE_RETENTION_DAYS = 30;

/**
 * The node's watchlist: our own entries (signed by this node, changed only here) and the partners'
 * entries we received. Every write goes through the change feed lock, so the change sequence is a
 * cursor partners can pull by without ever skipping a late commit.
 */
@Injectable()
export class WatchlistService {
  /** In-process change signal; other processes on the database LISTEN to `watchlist_changed`. */
  readonly changes = new Subject<WatchlistChanged>();

  constructor(
    private readonly tx: TransactionContext,
    private readonly identity: NodeIdentityService,
    private readonly sync: WatchlistSyncService,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** A new entry of this node, version 1. One live entry per identifier: update that one instead. */
  async add(input: WatchlistEntryChange, officer: AuthenticatedOfficer): Promise<WatchlistEntryRow> {
    const now = this.clock.now();
    const fields = entryFieldsFromInput(input, now);
    return this.writeOwn(officer, 'added', async (manager) => {
      const [listed] = (await manager.query(
        `SELECT entry_id FROM watchlist_entry
         WHERE origin = $1 AND identifier_type = $2 AND value = $3 AND NOT revoked AND valid_until >= $4 LIMIT 1`,
        [this.config.id, fields.identifierType, fields.value, now],
      )) as { entry_id: string }[];
      if (listed) {
        throw new WatchlistException(
          `${fields.identifierType} ${fields.value} is already on our watchlist (entry ${listed.entry_id}); update that entry`,
          WatchlistExceptionCode.ALREADY_LISTED,
        );
      }
      return {
        // Carries version 1's time: the STIX `created` of the entry's indicator (stix-watchlist.ts).
        entryId: uuidv7({ msecs: now.getTime() }),
        origin: this.config.id,
        version: 1,
        ...fields,
        revoked: false,
        updatedAt: now.toISOString(),
      };
    });
  }

  /**
   * New entries of this node in one transaction (a STIX import): all written, or none. Inputs whose
   * identifier is already live on our watchlist are left out and returned as refused, with the entry.
   * `within` runs in the same transaction after the writes (the caller's own records and audit entry).
   */
  async addMany(inputs: readonly WatchlistEntryChange[], officer: AuthenticatedOfficer): Promise<AddedEntries> {
    const now = this.clock.now();
    const fields = inputs.map((input) => entryFieldsFromInput(input, now));
    if (fields.length === 0) return { rows: [], listed: [] };
    const sodium = await sodiumReady();
    const sender = this.identity.sender();
    const certificate = {
      fingerprint: certificateFingerprint(sender.certificatePem),
      nodeId: sender.nodeId,
      pem: sender.certificatePem,
    };
    const result = await this.tx.run(async () => {
      const manager = this.tx.manager;
      await store.lockFeed(manager);
      const live = (await manager.query(
        `SELECT entry_id, identifier_type, value FROM watchlist_entry
         WHERE origin = $1 AND NOT revoked AND valid_until >= $2 AND (identifier_type, value) IN (SELECT * FROM unnest($3::text[], $4::text[]))`,
        [this.config.id, now, fields.map((f) => f.identifierType), fields.map((f) => f.value)],
      )) as { entry_id: string; identifier_type: string; value: string }[];
      const liveIds = new Map(live.map((row) => [`${row.identifier_type} ${row.value}`, row.entry_id]));
      const listed: { index: number; entryId: string }[] = [];
      const writes: store.WatchlistWrite[] = [];
      fields.forEach((entryFields, index) => {
        const existing = liveIds.get(`${entryFields.identifierType} ${entryFields.value}`);
        if (existing) return listed.push({ index, entryId: existing });
        const entry: WatchlistEntryVersion = {
          // Carries version 1's time: the STIX `created` of the entry's indicator (stix-watchlist.ts).
          entryId: uuidv7({ msecs: now.getTime() }),
          origin: this.config.id,
          version: 1,
          ...entryFields,
          revoked: false,
          updatedAt: now.toISOString(),
        };
        writes.push({
          signed: signEntryWith(sodium, entry, sender.signingSecretKey, sender.certificatePem),
          certificateFingerprint: certificate.fingerprint,
          receivedFrom: null,
          onwardTo: [],
          changedBy: officer.username,
        });
      });
      if (writes.length === 0) return { rows: [], listed };
      await store.saveCertificates(manager, [certificate]);
      const rows = await store.writeVersions(manager, writes);
      await store.notifyChanged(manager, store.headOf(rows));
      await this.audit.record({
        type: AuditEventType.WATCHLIST_ENTRY_ADDED,
        actor: officer.username,
        subjectType: 'WATCHLIST_ENTRY',
        subjectId: null,
        details: { entries: rows.map((row) => row.entryId), count: rows.length },
      });
      return { rows, listed };
    });
    const head = result.rows.at(-1)?.changeSeq;
    if (head) this.changes.next({ head });
    this.logger.info(
      { event: 'watchlist.added_many', entries: result.rows.length, by: officer.username },
      `${result.rows.length} watchlist entries added by ${officer.username}`,
    );
    return result;
  }

  /** The next version of one of our entries: reason, severity, case and a later validUntil may change. */
  async update(
    entryId: string,
    input: WatchlistEntryChange,
    officer: AuthenticatedOfficer,
  ): Promise<WatchlistEntryRow> {
    const now = this.clock.now();
    const fields = entryFieldsFromInput(input, now);
    return this.writeOwn(officer, 'updated', async (manager) => {
      const current = await this.ownLiveVersion(manager, entryId);
      checkUpdateAllowed(current, fields);
      return nextVersion(current, fields, now);
    });
  }

  /** Revokes one of our entries: a signed tombstone, final everywhere it arrives. */
  async revoke(entryId: string, reason: string, officer: AuthenticatedOfficer): Promise<WatchlistEntryRow> {
    const parsed = reasonSchema.safeParse(reason);
    if (!parsed.success) throw new InputException('reason', parsed.error.issues[0].message);
    const now = this.clock.now();
    return this.writeOwn(officer, 'revoked', async (manager) => {
      const current = await this.ownLiveVersion(manager, entryId);
      return { ...nextVersion(current, current, now), reason: parsed.data, revoked: true };
    });
  }

  /** Entries in change order (cursor = change_seq); expired and revoked entries only when asked. */
  async list(filter: WatchlistFilter = {}, first = 100, after?: string | null): Promise<WatchlistPageResult> {
    const take = Math.min(Math.max(Math.trunc(first), 1), MAX_LIST_PAGE);
    const cursor = parseCursor(after ?? '', 'after');
    let value = filter.value ?? undefined;
    if (value !== undefined && filter.identifierType) {
      // Analysts paste identifiers in any spelling; stored values are normalised.
      const checked = validateIdentifier(filter.identifierType, value);
      if (checked.valid) value = checked.normalized;
    }
    const rows = await store.listRows(
      this.tx.manager,
      {
        identifierType: filter.identifierType ?? undefined,
        value,
        origin: filter.origin ?? undefined,
        offenceCategory: filter.offenceCategory ?? undefined,
        includeRevoked: filter.includeRevoked ?? false,
        includeExpired: filter.includeExpired ?? false,
      },
      cursor,
      take + 1,
      this.clock.now(),
    );
    const entries = rows.slice(0, take);
    return { entries, endCursor: entries.at(-1)?.changeSeq ?? null, hasMore: rows.length > take };
  }

  /** Verifies and stores what a peer delivered; see WatchlistSyncService.ingest. */
  async ingest(items: readonly unknown[], fromPeer: string): Promise<IngestResult> {
    const result = await this.sync.ingest(items, fromPeer);
    if (result.head !== null) this.changes.next({ head: result.head });
    return result;
  }

  /** The page of our change feed that `partnerId` may pull; see WatchlistSyncService.changesFor. */
  changesFor(
    partnerId: string,
    afterSeq: string | number | bigint,
    limit = DEFAULT_FEED_LIMIT,
    filter?: OriginFilter,
    protocol?: ProtocolVersion,
  ): Promise<WatchlistFeedPage> {
    return this.sync.changesFor(partnerId, afterSeq, limit, filter, protocol);
  }

  /**
   * Drops live entries past validUntil, and tombstones `tombstoneRetentionDays` after it, a batch at a
   * time, each batch audited in its own transaction (references and counts, not values). Expired
   * entries are already invisible (lists, feed, merge) before this runs. A tombstone may go once its
   * validUntil is past: every live version it superseded expires no later (the origin never moves
   * validUntil earlier), and an expired version arriving late is ignored by the merge, so nothing can
   * come back; the extra days cover clocks and origins that broke that rule.
   */
  async purgeExpired(
    now: Date = this.clock.now(),
    tombstoneRetentionDays = DEFAULT_TOMBSTONE_RETENTION_DAYS,
    batch = 1000,
  ): Promise<{ entries: number; tombstones: number }> {
    const total = { entries: 0, tombstones: 0 };
    for (;;) {
      const purged = await this.tx.run(async () => {
        const manager = this.tx.manager;
        await store.lockFeed(manager);
        const rows = await store.purgeRows(manager, now, tombstoneRetentionDays * DAY_MS, batch);
        if (rows.entries.length + rows.tombstones.length > 0) {
          await this.audit.record({
            type: AuditEventType.RECORD_PURGED,
            actor: 'retention',
            subjectType: 'WATCHLIST_ENTRY',
            subjectId: null,
            details: {
              expiredEntries: rows.entries.length,
              tombstones: rows.tombstones.length,
              entries: rows.entries,
              revokedEntries: rows.tombstones,
            },
          });
        }
        return rows;
      });
      total.entries += purged.entries.length;
      total.tombstones += purged.tombstones.length;
      if (purged.entries.length + purged.tombstones.length < batch) break;
    }
    if (total.entries + total.tombstones > 0) {
      this.logger.info(
        { event: 'watchlist.purged', ...total },
        `purged ${total.entries} expired entries and ${total.tombstones} tombstones`,
      );
    }
    return total;
  }

  /** Our own entry, not revoked; anything else is refused with the reason. */
  private async ownLiveVersion(manager: EntityManager, entryId: string): Promise<WatchlistEntryVersion> {
    const rows = UUID.test(entryId) ? await store.rowsForEntryId(manager, entryId.toLowerCase()) : [];
    if (rows.length === 0)
      throw new WatchlistException(`No watchlist entry with id ${entryId}`, WatchlistExceptionCode.ENTRY_NOT_FOUND);
    const own = rows.find((row) => row.origin === this.config.id);
    if (!own) {
      throw new WatchlistException(
        `only the origin node ${rows[0].origin} may change this entry`,
        WatchlistExceptionCode.NOT_ORIGIN,
      );
    }
    if (own.revoked)
      throw new WatchlistException(
        `entry ${entryId} is revoked; a revocation is final`,
        WatchlistExceptionCode.ALREADY_REVOKED,
      );
    return store.versionOf(own);
  }

  /** Builds, signs and stores one version of our own, under the feed lock; announces the change after commit. */
  private async writeOwn(
    officer: AuthenticatedOfficer,
    action: 'added' | 'updated' | 'revoked',
    build: (manager: EntityManager) => Promise<WatchlistEntryVersion>,
  ): Promise<WatchlistEntryRow> {
    const sodium = await sodiumReady();
    const sender = this.identity.sender();
    const certificate = {
      fingerprint: certificateFingerprint(sender.certificatePem),
      nodeId: sender.nodeId,
      pem: sender.certificatePem,
    };
    const row = await this.tx.run(async () => {
      const manager = this.tx.manager;
      await store.lockFeed(manager);
      const entry = await build(manager);
      const signed = signEntryWith(sodium, entry, sender.signingSecretKey, sender.certificatePem);
      await store.saveCertificates(manager, [certificate]);
      const rows = await store.writeVersions(manager, [
        {
          signed,
          certificateFingerprint: certificate.fingerprint,
          receivedFrom: null,
          onwardTo: [],
          changedBy: officer.username,
        },
      ]);
      await store.notifyChanged(manager, store.headOf(rows));
      await this.audit.record({
        type: WATCHLIST_EVENT[action],
        actor: officer.username,
        subjectType: 'WATCHLIST_ENTRY',
        subjectId: rows[0].entryId,
        details: {
          version: rows[0].version,
          identifierType: rows[0].identifierType,
          offenceCategory: rows[0].offenceCategory,
          severity: rows[0].severity,
          caseReference: rows[0].caseReference ?? undefined,
        },
      });
      return rows[0];
    });
    this.changes.next({ head: row.changeSeq });
    this.logger.info(
      {
        event: `watchlist.${action}`,
        entryId: row.entryId,
        version: row.version,
        offenceCategory: row.offenceCategory,
        by: officer.username,
      },
      `watchlist entry ${row.entryId} ${action} (version ${row.version}) by ${officer.username}`,
    );
    return row;
  }
}

/** The next version of an entry with the analyst's fields; updatedAt never goes backwards. */
function nextVersion(current: WatchlistEntryVersion, fields: EntryFields, now: Date): WatchlistEntryVersion {
  const { caseReference: _previous, ...rest } = current;
  void _previous;
  const updatedAt = Date.parse(current.updatedAt) > now.getTime() ? current.updatedAt : now.toISOString();
  return {
    ...rest,
    identifierType: fields.identifierType,
    value: fields.value,
    reason: fields.reason,
    offenceCategory: fields.offenceCategory,
    severity: fields.severity,
    ...(fields.caseReference === undefined ? {} : { caseReference: fields.caseReference }),
    validUntil: fields.validUntil,
    version: current.version + 1,
    updatedAt,
  };
}
