import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AlertKind } from '../alerts/alert-kind.js';
import { AlertService, type ExchangeAlert } from '../alerts/alert.service.js';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { PacketSealerService } from '../envelope/packet-sealer.service.js';
import { DeliveryService } from '../federation/delivery.service.js';
import { compact, HIT_REPORT_PACKET, type HitReportBody } from '../freeze-wire/freeze-wire.js';
import type { JsonValue } from '../kernel/crypto/canonical-json.js';
import type { OffenceCategory, TransferDirection } from '../kernel/vocabulary/index.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import type { WalletHit } from './entities/wallet-hit.entity.js';
import { hitReportDecision } from './hit-report-policy.js';
import type { ScreeningItem } from './screening-request.js';
import type { WatchlistMatch } from './wallet-lookup.js';

/** A screened address that is on the watchlist, with every entry listing it. */
export interface ScreenedHit {
  item: ScreeningItem;
  normalized: string;
  matches: WatchlistMatch[];
}

/** Per hit (in input order): the wallet_hit ids recorded now, and the origins a report was queued for. */
export interface RecordedHit {
  hitIds: string[];
  reportedTo: string[];
}

type InsertedRow = Pick<WalletHit, 'id'> & {
  identifier_type: string;
  value: string;
  direction: TransferDirection | null;
  transaction_hash: string | null;
  amount: string | null;
  asset: string | null;
  chain: string | null;
  occurred_at: string;
  entry_origin: string;
  entry_id: string;
  offence_category: OffenceCategory;
  case_reference: string | null;
};

/* $1 the rows as JSON, $2 now. A transfer with its hash, or a lookup, already recorded is not recorded again. */
const INSERT_SQL = `
WITH ins AS (
  INSERT INTO wallet_hit (system_id, identifier_type, value, direction, transaction_hash, amount, asset, chain, occurred_at,
                          entry_origin, entry_id, offence_category, case_reference, report, recorded_at)
  SELECT r.system_id, r.identifier_type, r.value, r.direction, r.transaction_hash, r.amount, r.asset, r.chain, r.occurred_at,
         r.entry_origin, r.entry_id, r.offence_category, r.case_reference,
         CASE WHEN r.direction IS NULL THEN 'NOT_A_TRANSFER' ELSE 'NOT_ALLOWED' END, $2
    FROM jsonb_to_recordset($1::jsonb) AS r(n int, system_id text, identifier_type text, value text, direction text,
         transaction_hash text, amount text, asset text, chain text, occurred_at timestamptz, entry_origin text,
         entry_id uuid, offence_category text, case_reference text)
  ON CONFLICT DO NOTHING
  RETURNING id, identifier_type, value, direction, transaction_hash, amount, asset, chain, occurred_at, entry_origin, entry_id,
            offence_category, case_reference
)
SELECT * FROM ins`;

/**
 * Records hits in one transaction: a wallet_hit row per (address, entry), a local WALLET_HIT alert at
 * once, and, for transfers whose entry's origin our policy lets us tell, one signed HIT_REPORT packet
 * per origin (queued for delivery like any packet). Lookups without a direction are recorded and
 * alerted once per wallet and entry; a transfer carrying its hash, once per hash.
 */
/** Lookups (no transfer) this process has recorded: screening them again writes nothing, so it skips the write. */
const REMEMBERED_LOOKUPS = 100_000;

@Injectable()
export class HitRecorder {
  private recordedLookups = new Set<string>();

  constructor(
    private readonly tx: TransactionContext,
    private readonly alerts: AlertService,
    private readonly policies: PartnerPolicyService,
    private readonly sealer: PacketSealerService,
    private readonly deliveries: DeliveryService,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async record(systemId: string, hits: ScreenedHit[]): Promise<RecordedHit[]> {
    const now = this.clock.now();
    const lookupKey = (type: string, value: string, entryId: string) => `${type}\u0000${value}\u0000${entryId}`;
    const rows = hits.flatMap(({ item, normalized, matches }, n) =>
      matches
        .filter((match) => item.direction || !this.recordedLookups.has(lookupKey(item.type, normalized, match.entryId)))
        .map((match) => ({
          n,
          system_id: systemId,
          identifier_type: item.type,
          value: normalized,
          direction: item.direction ?? null,
          transaction_hash: item.transactionHash ?? null,
          amount: item.amount ?? null,
          asset: item.asset ?? null,
          chain: item.chain ?? null,
          occurred_at: item.occurredAt ?? now.toISOString(),
          entry_origin: match.origin,
          entry_id: match.entryId,
          offence_category: match.offenceCategory,
          case_reference: match.caseReference,
        })),
    );
    const recorded = hits.map((): RecordedHit => ({ hitIds: [], reportedTo: [] }));
    if (rows.length === 0) return recorded;
    const packets: string[] = [];
    await this.tx.run(async () => {
      const inserted = (await this.tx.manager.query(INSERT_SQL, [JSON.stringify(rows), now])) as InsertedRow[];
      if (inserted.length === 0) return;
      const keyOf = (
        r: Pick<InsertedRow, 'identifier_type' | 'value' | 'entry_id' | 'direction' | 'transaction_hash'>,
      ) => [r.identifier_type, r.value, r.entry_id, r.direction ?? '', r.transaction_hash ?? ''].join('\u0000');
      const inputOf = new Map(rows.map((row) => [keyOf(row), row.n]));
      const reported = await this.report(
        inserted.filter((row) => row.direction !== null),
        now,
        packets,
      );
      for (const row of inserted) {
        const n = inputOf.get(keyOf(row));
        if (n === undefined) continue;
        recorded[n].hitIds.push(row.id);
        if (reported.has(row.id)) recorded[n].reportedTo.push(row.entry_origin);
      }
      await this.alerts.raise(inserted.map((row) => this.alertOf(row, systemId, reported.has(row.id))));
    });
    // Real time: try each report now rather than at the queue's next poll; the queued job stays the safety net.
    for (const packetId of packets)
      void this.deliveries
        .attempt(packetId)
        .catch((error: unknown) =>
          this.logger.warn({ err: error, packetId }, 'immediate hit report attempt failed; the queue retries'),
        );
    // Committed: these lookups are on record, here or (on a conflict) by an earlier call or replica.
    if (this.recordedLookups.size > REMEMBERED_LOOKUPS) this.recordedLookups = new Set();
    for (const row of rows)
      if (!row.direction) this.recordedLookups.add(lookupKey(row.identifier_type, row.value, row.entry_id));
    return recorded;
  }

  /** One packet per origin whose policy allows it; returns the ids of the hits now queued. */
  private async report(transfers: InsertedRow[], now: Date, packets: string[]): Promise<Set<string>> {
    const reported = new Set<string>();
    const byOrigin = new Map<string, InsertedRow[]>();
    for (const row of transfers) byOrigin.set(row.entry_origin, [...(byOrigin.get(row.entry_origin) ?? []), row]);
    for (const [origin, candidates] of byOrigin) {
      if (!this.config.peers.some((peer) => peer.id === origin)) continue;
      const policy = await this.policies.outboundFor(origin);
      const decisions = candidates.map((row) => ({
        row,
        decision: hitReportDecision(policy, origin, row.offence_category),
      }));
      const allowed = decisions.filter((d) => d.decision.report);
      const first = allowed[0]?.decision;
      if (!first?.report || !policy) continue;
      const body: HitReportBody = {
        kind: HIT_REPORT_PACKET,
        hits: allowed.map(({ row }) =>
          compact({
            hitId: row.id,
            entry: compact({
              origin,
              entryId: row.entry_id,
              offenceCategory: row.offence_category,
              caseReference: row.case_reference ?? undefined,
            }),
            identifierType: row.identifier_type as HitReportBody['hits'][number]['identifierType'],
            value: row.value,
            direction: row.direction as TransferDirection,
            transactionHash: row.transaction_hash ?? undefined,
            amount: row.amount ?? undefined,
            asset: row.asset ?? undefined,
            chain: row.chain ?? undefined,
            occurredAt: new Date(row.occurred_at).toISOString(),
          }),
        ),
        reportedAt: now.toISOString(),
        tlp: first.tlp,
        retentionDays: first.retentionDays,
      };
      const packet = await this.sealer.seal({
        type: HIT_REPORT_PACKET,
        to: [origin],
        body: body as unknown as JsonValue,
        policyVersion: this.policies.policyVersionLabel(origin, first.policyVersion),
      });
      const packetId = packet.header.packetId;
      await this.deliveries.enqueue({ packetId, partnerId: origin, type: HIT_REPORT_PACKET, packet });
      packets.push(packetId);
      const ids = allowed.map(({ row }) => row.id);
      await this.tx.manager.query(
        `UPDATE wallet_hit SET report = 'QUEUED', packet_id = $1 WHERE id = ANY($2::uuid[])`,
        [packetId, ids],
      );
      ids.forEach((id) => reported.add(id));
      await this.audit.record({
        type: AuditEventType.HIT_REPORT_QUEUED,
        actor: 'screening',
        subjectType: 'HIT_REPORT',
        subjectId: packetId,
        details: { origin, packetId, hits: ids.length, hitIds: ids.join(','), policyVersion: first.policyVersion },
      });
      this.logger.info(
        { event: 'screening.hit_reported', origin, packetId, hits: ids.length },
        `${ids.length} hit(s) reported to ${origin}`,
      );
    }
    return reported;
  }

  private alertOf(row: InsertedRow, systemId: string, reported: boolean): ExchangeAlert {
    const transfer = row.direction
      ? `a ${row.direction}${row.amount ? ` of ${row.amount} ${row.asset ?? ''}`.trimEnd() : ''}${row.transaction_hash ? ` (tx ${row.transaction_hash})` : ''}`
      : 'a lookup';
    const outcome = row.direction
      ? reported
        ? `reported to ${row.entry_origin}`
        : `not reported to ${row.entry_origin} (policy)`
      : 'no transfer to report';
    return {
      kind: AlertKind.WALLET_HIT,
      identifierType: row.identifier_type,
      value: row.value,
      subject: row.id,
      caseReference: row.case_reference,
      sources: [
        { origin: row.entry_origin, kind: 'WATCHLIST_ENTRY', ref: row.entry_id },
        { origin: this.config.id, kind: 'WALLET_HIT', ref: row.id },
      ],
      detail: `${systemId} screened ${transfer} on ${row.value}, listed by ${row.entry_origin} (${row.offence_category}); ${outcome}`,
    };
  }
}
