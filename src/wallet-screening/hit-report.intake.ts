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
import type { OpenedPacket } from '../envelope/packet-envelope.js';
import { PacketHandlers } from '../federation/packet-handlers.js';
import { checkHitReportBody } from '../freeze-wire/freeze-wire-checks.js';
import { HIT_REPORT_PACKET, type ReportedHit } from '../freeze-wire/freeze-wire.js';
import { PacketRejection, PacketRejectionReason } from '../kernel/vocabulary/packet-rejection.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { evaluateInboundPolicy } from '../policy/policy-evaluation.js';

const DAY_MS = 86_400_000;

/* $1 our node id, $2 entry ids. Every version is kept in one row per (origin, entry). */
const OWN_ENTRIES_SQL = `SELECT entry_id::text, identifier_type, value FROM watchlist_entry WHERE origin = $1 AND entry_id = ANY($2::uuid[])`;

/* $1 types, $2 values, $3 case references: the local cases that name a wallet, or whose reference an entry carries. */
const CASES_SQL = `
WITH s AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS s(type, value, reference))
SELECT s.type, s.value, ic.id::text AS case_id, ic.reference FROM s JOIN intel_case ic ON ic.reference = s.reference
UNION
SELECT s.type, s.value, ic.id::text, ic.reference
  FROM s JOIN case_identifier ci ON ci.type = s.type AND ci.value = s.value JOIN intel_case ic ON ic.id = ci.case_id`;

/* $1 the reports as JSON: stored once per (exchange, hit). */
const INSERT_SQL = `
WITH ins AS (
  INSERT INTO hit_report (packet_id, exchange_id, hit_id, entry_id, offence_category, case_reference, identifier_type, value,
                          direction, transaction_hash, amount, asset, chain, occurred_at, reported_at, received_at,
                          retention_until, case_ids)
  SELECT r.packet_id, r.exchange_id, r.hit_id, r.entry_id, r.offence_category, r.case_reference, r.identifier_type, r.value,
         r.direction, r.transaction_hash, r.amount, r.asset, r.chain, r.occurred_at, r.reported_at, r.received_at,
         r.retention_until, r.case_ids
    FROM jsonb_to_recordset($1::jsonb) AS r(packet_id uuid, exchange_id text, hit_id uuid, entry_id uuid, offence_category text,
         case_reference text, identifier_type text, value text, direction text, transaction_hash text, amount text, asset text,
         chain text, occurred_at timestamptz, reported_at timestamptz, received_at timestamptz, retention_until timestamptz,
         case_ids uuid[])
  ON CONFLICT (exchange_id, hit_id) DO NOTHING
  RETURNING hit_id::text
)
SELECT * FROM ins`;

/**
 * At an agency: an exchange's signed report that wallets on our watchlist moved funds through it
 * (packet type hit-report). Stored in the intake transaction with an alert on every local case that
 * names the wallet (or whose reference the entry carries), so the case shows it within seconds.
 */
@Injectable()
export class HitReportIntake {
  constructor(
    private readonly tx: TransactionContext,
    private readonly policies: PartnerPolicyService,
    private readonly alerts: AlertService,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    handlers: PacketHandlers,
  ) {
    if (config.kind === 'agency')
      handlers.register(HIT_REPORT_PACKET, (packet, _sealed, deliveredBy) => this.store(packet, deliveredBy));
  }

  async store(packet: OpenedPacket, deliveredBy: string): Promise<void> {
    const { header } = packet;
    const refuse = (reason: PacketRejectionReason, detail: string) =>
      new PacketRejection(reason, detail, { packetId: header.packetId, from: header.from });
    if (deliveredBy !== header.from)
      throw refuse(
        PacketRejectionReason.REJECTED_BY_INBOUND_POLICY,
        `a hit report comes from its exchange, not relayed by ${deliveredBy}`,
      );
    if (this.config.peers.find((peer) => peer.id === header.from)?.kind !== 'exchange')
      throw refuse(PacketRejectionReason.REJECTED_BY_INBOUND_POLICY, `${header.from} is not one of our exchanges`);
    const checked = checkHitReportBody(packet.body, this.config.id);
    if (!checked.ok) throw refuse(PacketRejectionReason.INVALID_PAYLOAD, `hit-report body ${checked.problem}`);
    const body = checked.body;
    const mismatch = await this.mismatch(body.hits);
    if (mismatch) throw refuse(PacketRejectionReason.INVALID_PAYLOAD, mismatch);
    const inbound = evaluateInboundPolicy(
      {
        senderNodeId: deliveredBy,
        originNodeId: header.from,
        receiverNodeId: this.config.id,
        tlp: body.tlp,
        offenceCategories: [...new Set(body.hits.map((h) => h.entry.offenceCategory))],
        retentionDays: body.retentionDays,
        onwardSharing: { allowed: false, to: [] },
      },
      await this.policies.inboundFor(deliveredBy),
    );
    if (inbound.decision === 'REJECT')
      throw refuse(PacketRejectionReason.REJECTED_BY_INBOUND_POLICY, inbound.reasons.join('; '));

    const now = this.clock.now();
    const cases = await this.casesOf(body.hits);
    const rows = body.hits.map((hit) => ({
      packet_id: header.packetId,
      exchange_id: header.from,
      hit_id: hit.hitId,
      entry_id: hit.entry.entryId,
      offence_category: hit.entry.offenceCategory,
      case_reference: hit.entry.caseReference ?? null,
      identifier_type: hit.identifierType,
      value: hit.value,
      direction: hit.direction,
      transaction_hash: hit.transactionHash ?? null,
      amount: hit.amount ?? null,
      asset: hit.asset ?? null,
      chain: hit.chain ?? null,
      occurred_at: hit.occurredAt,
      reported_at: body.reportedAt,
      received_at: now.toISOString(),
      retention_until: new Date(now.getTime() + inbound.retentionDays * DAY_MS).toISOString(),
      case_ids: (cases.get(hit.hitId) ?? []).map((c) => c.id),
    }));
    const stored = new Set(
      ((await this.tx.manager.query(INSERT_SQL, [JSON.stringify(rows)])) as { hit_id: string }[]).map((r) => r.hit_id),
    );
    const fresh = body.hits.filter((hit) => stored.has(hit.hitId));
    await this.alerts.raise(fresh.flatMap((hit) => this.alertsOf(hit, header.from, cases.get(hit.hitId) ?? [])));
    await this.audit.record({
      type: AuditEventType.HIT_REPORT_RECEIVED,
      actor: header.from,
      subjectType: 'HIT_REPORT',
      subjectId: header.packetId,
      details: { exchangeId: header.from, packetId: header.packetId, hits: body.hits.length, new: fresh.length },
    });
    this.logger.info(
      { event: 'hit_report.received', exchangeId: header.from, packetId: header.packetId, hits: fresh.length },
      `${header.from} reported ${fresh.length} hit(s) on our watchlist`,
    );
  }

  /** Every hit must name one of our entries, and the wallet that entry lists. */
  private async mismatch(hits: ReportedHit[]): Promise<string | undefined> {
    const rows = (await this.tx.manager.query(OWN_ENTRIES_SQL, [
      this.config.id,
      [...new Set(hits.map((h) => h.entry.entryId))],
    ])) as {
      entry_id: string;
      identifier_type: string;
      value: string;
    }[];
    const entries = new Map(rows.map((row) => [row.entry_id, row]));
    for (const [index, hit] of hits.entries()) {
      const entry = entries.get(hit.entry.entryId);
      if (!entry) return `/hits/${index}/entry/entryId: ${hit.entry.entryId} is not one of our watchlist entries`;
      if (entry.identifier_type !== hit.identifierType || entry.value !== hit.value)
        return `/hits/${index}/value: entry ${hit.entry.entryId} lists another wallet`;
    }
    return undefined;
  }

  private async casesOf(hits: ReportedHit[]): Promise<Map<string, { id: string; reference: string }[]>> {
    const rows = (await this.tx.manager.query(CASES_SQL, [
      hits.map((h) => h.identifierType),
      hits.map((h) => h.value),
      hits.map((h) => h.entry.caseReference ?? null),
    ])) as { type: string; value: string; case_id: string; reference: string }[];
    return new Map(
      hits.map((hit) => {
        const found = rows.filter((row) => row.type === hit.identifierType && row.value === hit.value);
        const unique = [
          ...new Map(found.map((row) => [row.case_id, { id: row.case_id, reference: row.reference }])).values(),
        ];
        return [hit.hitId, unique];
      }),
    );
  }

  private alertsOf(hit: ReportedHit, exchangeId: string, cases: { id: string; reference: string }[]): ExchangeAlert[] {
    const transfer = `${hit.direction}${hit.amount ? ` of ${hit.amount} ${hit.asset ?? ''}`.trimEnd() : ''}${hit.transactionHash ? ` (tx ${hit.transactionHash})` : ''}`;
    const base = {
      kind: AlertKind.HIT_REPORTED as const,
      identifierType: hit.identifierType,
      value: hit.value,
      sources: [
        { origin: exchangeId, kind: 'HIT_REPORT' as const, ref: hit.hitId },
        { origin: this.config.id, kind: 'WATCHLIST_ENTRY' as const, ref: hit.entry.entryId },
      ],
      detail: `${exchangeId} saw a ${transfer} on listed wallet ${hit.value} at ${hit.occurredAt}`,
    };
    if (cases.length === 0)
      return [{ ...base, subject: `${exchangeId}/${hit.hitId}`, caseReference: hit.entry.caseReference ?? null }];
    return cases.map((c) => ({
      ...base,
      subject: `${exchangeId}/${hit.hitId}/${c.id}`,
      caseId: c.id,
      caseReference: c.reference,
    }));
  }
}
