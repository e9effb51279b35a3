import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { ApiErrorCode, type ClientFacingError } from '../common/errors/api-error-code.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { AlertStatus, type AlertSource, type AlertSourceKind, type ExchangeAlertKind } from './alert-kind.js';
import { Alert } from './entities/alert.entity.js';
import { TransactionContext } from '../common/database/transaction-context.js';

class AlertNotFound extends Error implements ClientFacingError {
  readonly apiCode = ApiErrorCode.NOT_FOUND;
}

/** The NOTIFY channel: every process on the database (replicas included) hears new alert ids. */
export const ALERT_CHANNEL = 'alert_raised';

export interface IdentifierRef {
  type: string;
  value: string;
}

/** One identifier in one piece of partner data just stored. */
export interface Sighting extends IdentifierRef {
  origin: string;
  source: { kind: AlertSourceKind; ref: string };
}

/** What a stored watchlist row offers (kept structural so this module does not depend on the watchlist). */
interface WatchlistRowLike {
  origin: string;
  entryId: string;
  identifierType: string;
  value: string;
  revoked: boolean;
}

/*
 * One statement: the candidates of both rules, inserted once per key, and a NOTIFY per new row.
 * pg_notify inside the caller's transaction is delivered at commit, so listeners never see an
 * alert whose data was rolled back. $1-$5 sightings, $6 this node, $7 now.
 */
const RAISE_SQL = `
WITH s AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS s(type, value, origin, source_kind, source_ref)
), cand AS (
  SELECT 'PARTNER_DATA_MATCHES_LOCAL_CASE' AS kind, s.type, s.value, ci.case_id::text AS subject, ci.case_id, ic.reference AS case_reference,
    jsonb_build_array(jsonb_build_object('origin', s.origin, 'kind', s.source_kind, 'ref', s.source_ref)) AS sources
  FROM s JOIN case_identifier ci ON ci.type = s.type AND ci.value = s.value JOIN intel_case ic ON ic.id = ci.case_id
  UNION ALL
  SELECT 'CROSS_PARTNER_MATCH', s.type, s.value, least(s.origin, o.origin) || ' ' || greatest(s.origin, o.origin), NULL::uuid, NULL::text,
    jsonb_build_array(jsonb_build_object('origin', s.origin, 'kind', s.source_kind, 'ref', s.source_ref),
                      jsonb_build_object('origin', o.origin, 'kind', o.source_kind, 'ref', o.source_ref))
  FROM s JOIN LATERAL (
    SELECT DISTINCT ON (x.origin) x.* FROM (
      SELECT rp.origin_node AS origin, 'PACKET' AS source_kind, rp.packet_id::text AS source_ref
      FROM received_identifier ri JOIN received_packet rp ON rp.id = ri.received_packet_id
      WHERE ri.type = s.type AND ri.value = s.value AND rp.origin_node <> s.origin AND rp.origin_node <> $6
      UNION ALL
      SELECT we.origin, 'WATCHLIST_ENTRY', we.entry_id::text
      FROM watchlist_entry we
      WHERE we.identifier_type = s.type AND we.value = s.value AND we.origin <> s.origin AND we.origin <> $6
        AND NOT we.revoked AND we.valid_until > $7
    ) x ORDER BY x.origin, x.source_ref
  ) o ON true
), ins AS (
  INSERT INTO alert (kind, identifier_type, value, subject, case_id, case_reference, sources, status, raised_at)
  SELECT DISTINCT ON (kind, type, value, subject) kind, type, value, subject, case_id, case_reference, sources, 'OPEN', $7 FROM cand
  ON CONFLICT ON CONSTRAINT alert_once DO NOTHING
  RETURNING id
)
SELECT id, pg_notify('${ALERT_CHANNEL}', id::text) FROM ins`;

/*
 * The other direction: an analyst's case now holds identifiers that partner data already named.
 * Same kind and key as above, so whichever side arrives second raises the one alert.
 * $1-$2 identifiers, $3 case id, $4 case reference, $5 this node, $6 now.
 */
const LOCAL_CASE_SQL = `
WITH s AS (
  SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) AS s(type, value)
), cand AS (
  SELECT s.type, s.value, jsonb_agg(jsonb_build_object('origin', o.origin, 'kind', o.source_kind, 'ref', o.source_ref) ORDER BY o.origin, o.source_ref) AS sources
  FROM s JOIN LATERAL (
    SELECT DISTINCT ON (x.origin) x.* FROM (
      SELECT rp.origin_node AS origin, 'PACKET' AS source_kind, rp.packet_id::text AS source_ref
      FROM received_identifier ri JOIN received_packet rp ON rp.id = ri.received_packet_id
      WHERE ri.type = s.type AND ri.value = s.value AND rp.origin_node <> $5
      UNION ALL
      SELECT we.origin, 'WATCHLIST_ENTRY', we.entry_id::text
      FROM watchlist_entry we
      WHERE we.identifier_type = s.type AND we.value = s.value AND we.origin <> $5 AND NOT we.revoked AND we.valid_until > $6
    ) x ORDER BY x.origin, x.source_ref
  ) o ON true
  GROUP BY s.type, s.value
), ins AS (
  INSERT INTO alert (kind, identifier_type, value, subject, case_id, case_reference, sources, status, raised_at)
  SELECT 'PARTNER_DATA_MATCHES_LOCAL_CASE', type, value, $3::text, $3::uuid, $4, sources, 'OPEN', $6 FROM cand
  ON CONFLICT ON CONSTRAINT alert_once DO NOTHING
  RETURNING id
)
SELECT id, pg_notify('${ALERT_CHANNEL}', id::text) FROM ins`;

/** An alert about exchanges: its subject makes it once-only (a request copy, a hold and its reminder, a hit). */
export interface ExchangeAlert {
  kind: ExchangeAlertKind;
  identifierType: string;
  value: string;
  subject: string;
  caseId?: string | null;
  caseReference?: string | null;
  sources: AlertSource[];
  detail: string;
}

/* $1 the alerts as a JSON array, $2 now: inserted once per key, a NOTIFY per new row (delivered at commit). */
const RAISE_EXCHANGE_SQL = `
WITH ins AS (
  INSERT INTO alert (kind, identifier_type, value, subject, case_id, case_reference, sources, detail, status, raised_at)
  SELECT a.kind, a."identifierType", a.value, a.subject, a."caseId", a."caseReference", a.sources, a.detail, 'OPEN', $2
    FROM jsonb_to_recordset($1::jsonb) AS a(kind text, "identifierType" text, value text, subject text, "caseId" uuid,
                                            "caseReference" text, sources jsonb, detail text)
  ON CONFLICT ON CONSTRAINT alert_once DO NOTHING
  RETURNING id
)
SELECT id, pg_notify('${ALERT_CHANNEL}', id::text) FROM ins`;

/** Raises alerts inside the transactions that store partner data; lists and acknowledges them. */
@Injectable()
export class AlertService {
  constructor(
    private readonly tx: TransactionContext,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private get alerts() {
    return this.tx.manager.getRepository(Alert);
  }

  /** Identifiers of one piece of partner data (a packet) just stored by the current transaction. */
  async raiseFor(identifiers: readonly IdentifierRef[], origin: string, source: Sighting['source']): Promise<string[]> {
    return this.raiseForSightings(identifiers.map(({ type, value }) => ({ type, value, origin, source })));
  }

  /** Watchlist rows just written; our own entries and revocations raise nothing. */
  async raiseForWatchlist(rows: readonly WatchlistRowLike[]): Promise<string[]> {
    return this.raiseForSightings(
      rows
        .filter((row) => !row.revoked)
        .map((row) => ({
          type: row.identifierType,
          value: row.value,
          origin: row.origin,
          source: { kind: 'WATCHLIST_ENTRY', ref: row.entryId },
        })),
    );
  }

  /** Returns the ids of alerts raised now (none for keys already raised). */
  async raiseForSightings(all: readonly Sighting[]): Promise<string[]> {
    const sightings = all.filter((s) => s.origin !== this.config.id);
    if (sightings.length === 0) return [];
    const manager = this.inTransaction();
    // Two partners' data stored by concurrent transactions would not see each other (READ COMMITTED):
    // raising is serialised to the end of those transactions so the later one sees the earlier's rows.
    await manager.query("SELECT pg_advisory_xact_lock(hashtext('alert_raise'))");
    const column = (pick: (s: Sighting) => string) => sightings.map(pick);
    const rows = (await manager.query(RAISE_SQL, [
      column((s) => s.type),
      column((s) => s.value),
      column((s) => s.origin),
      column((s) => s.source.kind),
      column((s) => s.source.ref),
      this.config.id,
      this.clock.now(),
    ])) as { id: string }[];
    const ids = rows.map((row) => row.id);
    if (ids.length > 0) this.logger.info({ event: 'alert.raised', alertIds: ids }, `${ids.length} alert(s) raised`);
    return ids;
  }

  /** A local case's identifiers just written by the current transaction (create or edit). */
  async raiseForLocalCase(
    caseId: string,
    caseReference: string,
    identifiers: readonly IdentifierRef[],
  ): Promise<string[]> {
    if (identifiers.length === 0) return [];
    const manager = this.inTransaction();
    await manager.query("SELECT pg_advisory_xact_lock(hashtext('alert_raise'))");
    const rows = (await manager.query(LOCAL_CASE_SQL, [
      identifiers.map((i) => i.type),
      identifiers.map((i) => i.value),
      caseId,
      caseReference,
      this.config.id,
      this.clock.now(),
    ])) as { id: string }[];
    const ids = rows.map((row) => row.id);
    if (ids.length > 0)
      this.logger.info(
        { event: 'alert.raised', alertIds: ids, caseId },
        `${ids.length} alert(s) raised for case ${caseReference}`,
      );
    return ids;
  }

  /**
   * Alerts about exchanges (a deadline passed, a freeze lapses, a wallet hit), raised by the modules that
   * keep those clocks and records, in the transaction that records what happened. No correlation, so
   * no lock: each alert's subject alone makes it once-only. Returns the ids of alerts raised now.
   */
  async raise(alerts: readonly ExchangeAlert[]): Promise<string[]> {
    if (alerts.length === 0) return [];
    const rows = (await this.inTransaction().query(RAISE_EXCHANGE_SQL, [
      JSON.stringify(alerts.map((alert) => ({ caseId: null, caseReference: null, ...alert }))),
      this.clock.now(),
    ])) as { id: string }[];
    const ids = rows.map((row) => row.id);
    if (ids.length > 0)
      this.logger.info(
        { event: 'alert.raised', alertIds: ids, kinds: [...new Set(alerts.map((a) => a.kind))] },
        `${ids.length} alert(s) raised`,
      );
    return ids;
  }

  /** Alerts are raised in the transaction that stores the data, so they exist exactly when it does. */
  private inTransaction(): EntityManager {
    if (!this.tx.inTransaction) throw new Error('alerts are raised inside the transaction that stores the data');
    return this.tx.manager;
  }

  async list(status: AlertStatus | undefined, first = 200): Promise<Alert[]> {
    return this.alerts.find({
      where: status ? { status } : {},
      order: { raisedAt: 'DESC' },
      take: Math.min(Math.max(first, 1), 1000),
    });
  }

  async get(id: string): Promise<Alert | null> {
    return this.alerts.findOneBy({ id });
  }

  /** Idempotent: an alert already acknowledged keeps who acknowledged it first. */
  async acknowledge(id: string, username: string): Promise<Alert> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AlertNotFound(`No alert ${id}`);
    await this.alerts.update(
      { id, status: AlertStatus.OPEN },
      { status: AlertStatus.ACKNOWLEDGED, acknowledgedBy: username, acknowledgedAt: this.clock.now() },
    );
    const alert = await this.get(id);
    if (!alert) throw new AlertNotFound(`No alert ${id}`);
    this.logger.info({ event: 'alert.acknowledged', alertId: id, by: username }, `alert ${id} acknowledged`);
    return alert;
  }
}
