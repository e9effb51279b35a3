import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { AlertService } from '../alerts/alert.service.js';
import { PacketHandlers } from '../federation/packet-handlers.js';
import type { OpenedPacket } from '../envelope/packet-envelope.js';
import { PacketRejection, PacketRejectionReason } from '../kernel/vocabulary/packet-rejection.js';
import { parseNodeCertificate } from '../kernel/pki/node-certificate.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { evaluateInboundPolicy } from '../policy/policy-evaluation.js';
import { ReceivedPacket } from './entities/received-packet.entity.js';
import { checkReceivedPayload } from './received-payload.js';
import { ReplyThreads } from './reply-threads.js';
import { TransactionContext } from '../common/database/transaction-context.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Stores verified case and reply packets, after the inbound policy for the delivering partner accepts
 * them. Runs inside the intake transaction, so the packet id and the content are stored together.
 */
@Injectable()
export class InboundPacketService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly policies: PartnerPolicyService,
    private readonly alerts: AlertService,
    private readonly threads: ReplyThreads,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    handlers: PacketHandlers,
  ) {
    const store = (packet: OpenedPacket, sealed: unknown, deliveredBy: string) =>
      this.store(packet, sealed, deliveredBy).then(() => undefined);
    handlers.register('case', store);
    handlers.register('reply', store);
  }

  private get received() {
    return this.tx.manager.getRepository(ReceivedPacket);
  }

  /**
   * Stores a verified case or reply packet, inside the intake transaction; `deliveredBy` is the
   * authenticated peer (the origin unless relayed).
   */
  async store(packet: OpenedPacket, sealed: unknown, deliveredBy: string): Promise<ReceivedPacket> {
    const manager = this.tx.manager;
    const { header } = packet;
    const reject = (reason: PacketRejectionReason, detail: string) =>
      new PacketRejection(reason, detail, { packetId: header.packetId, from: header.from });

    if (header.type !== 'case' && header.type !== 'reply')
      throw reject(PacketRejectionReason.INVALID_PAYLOAD, `packet type "${header.type}" is not a case or a reply`);
    const checked = checkReceivedPayload(header.type, packet.body);
    if (!checked.valid) throw reject(PacketRejectionReason.INVALID_PAYLOAD, checked.detail);
    const { content, identifiers } = checked;
    const meta =
      'kind' in content
        ? {
            tlp: content.tlp,
            offenceCategories: content.offenceCategories,
            retentionDays: content.retentionDays,
            onwardSharing: { allowed: false, to: [] },
          }
        : {
            tlp: content.tlp,
            offenceCategories: content.offenceCategories,
            retentionDays: content.terms.retentionDays,
            onwardSharing: content.terms.onwardSharing,
          };

    const evaluation = evaluateInboundPolicy(
      { senderNodeId: deliveredBy, originNodeId: header.from, receiverNodeId: this.config.id, ...meta },
      await this.policies.inboundFor(deliveredBy),
    );
    if (evaluation.decision === 'REJECT')
      throw reject(PacketRejectionReason.REJECTED_BY_INBOUND_POLICY, evaluation.reasons.join('; '));

    const now = this.clock.now();
    const localCaseId = header.inReplyTo ? await this.threads.localCaseOf(header.inReplyTo) : null;
    const row = manager.getRepository(ReceivedPacket).create({
      packetId: header.packetId,
      type: header.type,
      originNode: header.from,
      deliveredBy,
      inReplyTo: header.inReplyTo ?? null,
      localCaseId,
      policyVersion: header.policyVersion,
      inboundPolicyVersion: evaluation.policyVersion,
      senderCertificateFingerprint: parseNodeCertificate(packet.senderCertificatePem).fingerprintSha256,
      caseReference: content.reference ?? null,
      title: 'title' in content ? content.title : null,
      tlp: meta.tlp,
      content: content as unknown as Record<string, unknown>,
      sealed: sealed as Record<string, unknown>,
      createdAt: new Date(header.createdAt),
      receivedAt: now,
      retentionUntil: new Date(now.getTime() + evaluation.retentionDays * DAY_MS),
    });
    const saved = await manager.getRepository(ReceivedPacket).save(row);
    // Validated and normalised above; masked values are not identifiers and are neither stored nor matched.
    if (identifiers.length) {
      await manager.query(
        `INSERT INTO received_identifier (received_packet_id, type, value)
         SELECT $1, * FROM unnest($2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
        [saved.id, identifiers.map((i) => i.type), identifiers.map((i) => i.value)],
      );
      // Same transaction: the alert exists exactly when the packet does (a replay stores and raises nothing).
      await this.alerts.raiseFor(identifiers, header.from, { kind: 'PACKET', ref: header.packetId });
    }
    this.logger.info(
      {
        event: 'packet.stored',
        packetId: header.packetId,
        type: header.type,
        origin: header.from,
        retentionUntil: saved.retentionUntil,
      },
      `${header.type} packet from ${header.from} stored`,
    );
    return saved;
  }

  /**
   * Deletes received packets whose retention ended (with their identifiers), a batch per transaction.
   * Rows another replica is purging are skipped (SKIP LOCKED). Each purge is audited with the packet's
   * references and counts, never its content.
   */
  async purgeExpired(now: Date = this.clock.now(), batch = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const purged = await this.tx.run(async () => {
        const manager = this.tx.manager;
        const rows = (await manager.query(
          `SELECT p.id, p.packet_id, p.type, p.origin_node, p.delivered_by, p.case_reference, p.retention_until,
                  (SELECT count(*)::int FROM received_identifier i WHERE i.received_packet_id = p.id) AS identifiers,
                  coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(p.content->'attachments') = 'array' THEN p.content->'attachments' END), 0) AS attachments
           FROM received_packet p WHERE p.retention_until < $1 ORDER BY p.retention_until LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [now, batch],
        )) as {
          id: string;
          packet_id: string;
          type: string;
          origin_node: string;
          delivered_by: string;
          case_reference: string | null;
          retention_until: Date;
          identifiers: number;
          attachments: number;
        }[];
        if (rows.length === 0) return 0;
        await manager.query('DELETE FROM received_packet WHERE id = ANY($1)', [rows.map((r) => r.id)]);
        for (const row of rows) {
          await this.audit.record({
            type: AuditEventType.RECORD_PURGED,
            actor: 'retention',
            subjectType: 'RECEIVED_PACKET',
            subjectId: row.packet_id,
            details: {
              receivedPacketId: row.id,
              packetType: row.type,
              originNode: row.origin_node,
              deliveredBy: row.delivered_by,
              caseReference: row.case_reference,
              retentionUntil: row.retention_until.toISOString(),
              identifiers: row.identifiers,
              attachments: row.attachments,
            },
          });
        }
        return rows.length;
      });
      total += purged;
      if (purged < batch) break;
    }
    if (total > 0)
      this.logger.info(
        { event: 'inbound.purged', count: total },
        `${total} received packets purged at the end of their retention`,
      );
    return total;
  }

  async list(first: number): Promise<ReceivedPacket[]> {
    return this.received.find({ order: { receivedAt: 'DESC' }, take: Math.min(Math.max(first, 1), 500) });
  }

  async get(id: string): Promise<ReceivedPacket | null> {
    return this.received.findOneBy({ id });
  }

  async getByPacketId(packetId: string): Promise<ReceivedPacket | null> {
    return this.received.findOneBy({ packetId });
  }

  /** Packets that answer the given packet, oldest first. */
  async replies(packetId: string): Promise<ReceivedPacket[]> {
    return this.received.find({ where: { inReplyTo: packetId }, order: { receivedAt: 'ASC' } });
  }

  async forLocalCase(caseId: string): Promise<ReceivedPacket[]> {
    return this.received.find({ where: { localCaseId: caseId }, order: { receivedAt: 'ASC' } });
  }
}
