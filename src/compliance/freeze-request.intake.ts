import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import type { OpenedPacket } from '../envelope/packet-envelope.js';
import { PacketHandlers } from '../federation/packet-handlers.js';
import { checkFreezeRequestBody } from '../freeze-wire/freeze-wire-checks.js';
import { FREEZE_REQUEST_PACKET } from '../freeze-wire/freeze-wire.js';
import { PacketRejection, PacketRejectionReason } from '../kernel/vocabulary/packet-rejection.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { evaluateInboundPolicy } from '../policy/policy-evaluation.js';
import { ComplianceOrderDocument } from './entities/compliance-order-document.entity.js';
import { ComplianceRequest, type StoredRequestBody } from './entities/compliance-request.entity.js';

const DAY_MS = 86_400_000;

/**
 * Stores a request an agency sent this exchange (packet type freeze-request), inside the intake
 * transaction, once the body matches its schema, the order matches its signed SHA-256 and our inbound
 * policy for the agency accepts it. Registered on exchange nodes only.
 */
@Injectable()
export class FreezeRequestIntake {
  constructor(
    private readonly tx: TransactionContext,
    private readonly policies: PartnerPolicyService,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    handlers: PacketHandlers,
  ) {
    if (config.kind === 'exchange')
      handlers.register(FREEZE_REQUEST_PACKET, (packet, _sealed, deliveredBy) => this.store(packet, deliveredBy));
  }

  async store(packet: OpenedPacket, deliveredBy: string): Promise<void> {
    const { header } = packet;
    const refuse = (reason: PacketRejectionReason, detail: string) =>
      new PacketRejection(reason, detail, { packetId: header.packetId, from: header.from });
    if (deliveredBy !== header.from)
      throw refuse(
        PacketRejectionReason.REJECTED_BY_INBOUND_POLICY,
        `a request comes from its agency, not relayed by ${deliveredBy}`,
      );
    if (this.config.peers.find((peer) => peer.id === header.from)?.kind === 'exchange')
      throw refuse(
        PacketRejectionReason.REJECTED_BY_INBOUND_POLICY,
        `${header.from} is an exchange: only agencies send requests`,
      );
    const checked = checkFreezeRequestBody(packet.body, this.config.freezeRequests.maxOrderBytes);
    if (!checked.ok) throw refuse(PacketRejectionReason.INVALID_PAYLOAD, `freeze-request body ${checked.problem}`);
    const body = checked.body;
    const inbound = evaluateInboundPolicy(
      {
        senderNodeId: deliveredBy,
        originNodeId: header.from,
        receiverNodeId: this.config.id,
        tlp: body.tlp,
        offenceCategories: body.offenceCategories,
        retentionDays: body.retentionDays,
        onwardSharing: { allowed: false, to: [] },
      },
      await this.policies.inboundFor(deliveredBy),
    );
    if (inbound.decision === 'REJECT')
      throw refuse(PacketRejectionReason.REJECTED_BY_INBOUND_POLICY, inbound.reasons.join('; '));
    const requests = this.tx.manager.getRepository(ComplianceRequest);
    if (await requests.existsBy({ agencyId: header.from, requestId: body.requestId }))
      throw refuse(
        PacketRejectionReason.INVALID_PAYLOAD,
        `request ${body.reference} (${body.requestId}) was already received`,
      );

    const now = this.clock.now();
    const { content, ...order } = body.legalBasis.order;
    const stored: StoredRequestBody = { ...body, legalBasis: { ...body.legalBasis, order } };
    const row = await requests.save(
      requests.create({
        packetId: header.packetId,
        agencyId: header.from,
        requestId: body.requestId,
        reference: body.reference,
        caseReference: body.caseReference,
        action: body.action,
        urgency: body.urgency,
        deadlineAt: new Date(body.deadlineAt),
        noTippingOff: body.noTippingOff,
        body: stored,
        orderSha256: order.sha256,
        status: 'OPEN',
        inboundPolicyVersion: inbound.policyVersion,
        receivedAt: now,
        retentionUntil: new Date(now.getTime() + inbound.retentionDays * DAY_MS),
      }),
    );
    await this.tx.manager
      .getRepository(ComplianceOrderDocument)
      .insert({ requestId: row.id, content: Buffer.from(content, 'base64') });
    await this.audit.record({
      type: AuditEventType.FREEZE_REQUEST_RECEIVED,
      actor: header.from,
      subjectType: 'COMPLIANCE_REQUEST',
      subjectId: row.id,
      details: {
        agencyId: header.from,
        reference: body.reference,
        packetId: header.packetId,
        action: body.action,
        urgency: body.urgency,
        deadlineAt: body.deadlineAt,
        targets: body.targets.length,
        orderSha256: order.sha256,
      },
    });
    this.logger.info(
      { event: 'compliance.request_received', requestId: row.id, agencyId: header.from, reference: body.reference },
      `${body.urgency} ${body.action} request ${body.reference} from ${header.from}, due ${body.deadlineAt}`,
    );
  }
}
