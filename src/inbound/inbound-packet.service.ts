import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { AlertService } from '../alerts/alert.service.js';
import { PacketIntakeService } from '../envelope/packet-intake.service.js';
import type { OpenedPacket } from '../envelope/packet-envelope.js';
import { PacketRejection, PacketRejectionReason } from '../envelope/packet-rejection.js';
import { parseNodeCertificate } from '../identity/node-certificate.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { evaluateInboundPolicy } from '../policy/policy-evaluation.js';
import { sharedCasePayloadSchema, type SharedCasePayload } from '../policy/shared-case-payload.js';
import { ReceivedPacket } from './entities/received-packet.entity.js';
import { replyPayloadSchema, type ReplyPayload } from './reply-payload.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Stores verified case and reply packets, after the inbound policy for the delivering partner accepts
 * them. Runs inside the intake transaction, so the packet id and the content are stored together.
 */
@Injectable()
export class InboundPacketService {
  constructor(
    @InjectRepository(ReceivedPacket) private readonly received: Repository<ReceivedPacket>,
    private readonly policies: PartnerPolicyService,
    private readonly intake: PacketIntakeService,
    private readonly alerts: AlertService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Verifies, opens and stores a case or reply packet delivered by a peer (the origin unless relayed). */
  async accept(sealed: unknown, deliveredBy?: string): Promise<ReceivedPacket> {
    const { result } = await this.intake.receive(sealed, (packet, manager, raw) => this.store(packet, manager, raw, deliveredBy ?? packet.header.from));
    return result as ReceivedPacket;
  }

  /** Handles a case or reply packet; `deliveredBy` is the authenticated peer (the origin unless relayed). */
  async store(packet: OpenedPacket, manager: EntityManager, sealed: unknown, deliveredBy = packet.header.from): Promise<ReceivedPacket> {
    const { header } = packet;
    const reject = (reason: PacketRejectionReason, detail: string) =>
      new PacketRejection(reason, detail, { packetId: header.packetId, from: header.from });

    let content: SharedCasePayload | ReplyPayload;
    let meta: { tlp: SharedCasePayload['tlp']; offenceCategories: SharedCasePayload['offenceCategories']; retentionDays: number; onwardSharing: SharedCasePayload['terms']['onwardSharing'] };
    if (header.type === 'case') {
      const parsed = sharedCasePayloadSchema.safeParse(packet.body);
      if (!parsed.success) throw reject(PacketRejectionReason.INVALID_PAYLOAD, `case payload: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
      const payload = parsed.data as SharedCasePayload;
      content = payload;
      meta = { tlp: payload.tlp, offenceCategories: payload.offenceCategories, retentionDays: payload.terms.retentionDays, onwardSharing: payload.terms.onwardSharing };
    } else if (header.type === 'reply') {
      const parsed = replyPayloadSchema.safeParse(packet.body);
      if (!parsed.success) throw reject(PacketRejectionReason.INVALID_PAYLOAD, `reply payload: ${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`);
      content = parsed.data;
      meta = { tlp: parsed.data.tlp, offenceCategories: parsed.data.offenceCategories, retentionDays: parsed.data.retentionDays, onwardSharing: { allowed: false, to: [] } };
    } else {
      throw reject(PacketRejectionReason.INVALID_PAYLOAD, `packet type "${header.type}" is not a case or a reply`);
    }

    const evaluation = evaluateInboundPolicy(
      { senderNodeId: deliveredBy, originNodeId: header.from, receiverNodeId: this.config.id, ...meta },
      // On the intake transaction's connection: a second pool connection per packet deadlocks the pool
      // once as many packets are in their transaction as the pool has connections.
      await this.policies.inboundFor(deliveredBy, manager),
    );
    if (evaluation.decision === 'REJECT') throw reject(PacketRejectionReason.REJECTED_BY_INBOUND_POLICY, evaluation.reasons.join('; '));

    const now = this.clock.now();
    const localCaseId = header.inReplyTo ? await this.localCaseOf(manager, header.inReplyTo) : null;
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
    const identifiers = 'identifiers' in content ? (content.identifiers ?? []).filter((i) => i.value !== undefined) : [];
    if (identifiers.length) {
      await manager.query(
        `INSERT INTO received_identifier (received_packet_id, type, value)
         SELECT $1, * FROM unnest($2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
        [saved.id, identifiers.map((i) => i.type), identifiers.map((i) => i.value as string)],
      );
      // Same transaction: the alert exists exactly when the packet does (a replay stores and raises nothing).
      await this.alerts.raiseFor(manager, identifiers.map((i) => ({ type: i.type, value: i.value as string })), header.from, { kind: 'PACKET', ref: header.packetId });
    }
    this.logger.info(
      { event: 'packet.stored', packetId: header.packetId, type: header.type, origin: header.from, retentionUntil: saved.retentionUntil },
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
      const purged = await this.db.transaction(async (manager) => {
        const rows = (await manager.query(
          `SELECT p.id, p.packet_id, p.type, p.origin_node, p.delivered_by, p.case_reference, p.retention_until,
                  (SELECT count(*)::int FROM received_identifier i WHERE i.received_packet_id = p.id) AS identifiers,
                  coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(p.content->'attachments') = 'array' THEN p.content->'attachments' END), 0) AS attachments
           FROM received_packet p WHERE p.retention_until < $1 ORDER BY p.retention_until LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [now, batch],
        )) as { id: string; packet_id: string; type: string; origin_node: string; delivered_by: string; case_reference: string | null; retention_until: Date; identifiers: number; attachments: number }[];
        if (rows.length === 0) return 0;
        await manager.query('DELETE FROM received_packet WHERE id = ANY($1)', [rows.map((r) => r.id)]);
        for (const row of rows) {
          await this.audit.record(
            {
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
            },
            manager,
          );
        }
        return rows.length;
      });
      total += purged;
      if (purged < batch) break;
    }
    if (total > 0) this.logger.info({ event: 'inbound.purged', count: total }, `${total} received packets purged at the end of their retention`);
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

  /** A reply to one of our packets belongs to the case we shared in that packet. */
  private async localCaseOf(manager: EntityManager, packetId: string): Promise<string | null> {
    const [row] = (await manager.query(
      `SELECT s.case_id FROM outbound_packet o JOIN share_request s ON s.id = o.share_request_id WHERE o.packet_id = $1`,
      [packetId],
    )) as { case_id: string | null }[];
    return row?.case_id ?? null;
  }
}
