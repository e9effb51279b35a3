import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { In } from 'typeorm';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { CaseService } from '../cases/case.service.js';
import type { IntelCase } from '../cases/entities/intel-case.entity.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { PacketSealerService } from '../envelope/packet-sealer.service.js';
import { DeliveryService } from '../federation/delivery.service.js';
import { checkFreezeRequestBody } from '../freeze-wire/freeze-wire-checks.js';
import { compact, FREEZE_REQUEST_PACKET, type FreezeRequestBody } from '../freeze-wire/freeze-wire.js';
import type { JsonValue } from '../kernel/crypto/canonical-json.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { FreezeRequestCopy } from './entities/freeze-request-copy.entity.js';
import { FreezeRequest } from './entities/freeze-request.entity.js';
import { FreezeClocks } from './freeze-clocks.service.js';
import { FreezeRequestException, FreezeRequestExceptionCode } from './freeze-request.exception.js';
import { FreezeRequestService, type FreezeRequestView } from './freeze-request.service.js';
import { OrderDocuments } from './order-documents.js';
import { evaluateRequestPolicy, type RequestEvaluation } from './request-policy.js';

type Allowed = Extract<RequestEvaluation, { decision: 'ALLOW' }>;

/**
 * The liaison officer's approval of a request: by someone who neither wrote the request nor supplied
 * its order, against the policy as it stands now. Each allowed copy is sealed for its exchange with
 * the order inside, queued for delivery and given its answer deadline, in one transaction.
 */
@Injectable()
export class FreezeApprovalService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly requests: FreezeRequestService,
    private readonly cases: CaseService,
    private readonly orders: OrderDocuments,
    private readonly policies: PartnerPolicyService,
    private readonly sealer: PacketSealerService,
    private readonly deliveries: DeliveryService,
    private readonly clocks: FreezeClocks,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async approve(id: string, comment: string | undefined, officer: AuthenticatedOfficer): Promise<FreezeRequestView> {
    const { request } = await this.requests.get(id);
    this.checkFourEyes(request.requestedBy, officer, 'requested it');
    // Read before any transaction: the file store is slow next to a row lock.
    const order = await this.orders.read(request.caseId, request.orderAttachmentId, request.orderSha256);
    this.checkFourEyes(order.uploadedBy, officer, 'supplied its order');
    if (await this.reevaluate(id))
      throw new FreezeRequestException(
        `The policy for an exchange of request ${request.reference} changed since it was written; it has been evaluated again: review the copies and approve again`,
        FreezeRequestExceptionCode.POLICY_CHANGED,
      );
    const sent = await this.tx.run(async () => {
      const locked = await this.requests.lockedPending(id);
      const intelCase = await this.cases.lockedCase(locked.caseId);
      const copies = await this.tx.manager
        .getRepository(FreezeRequestCopy)
        .find({ where: { requestId: id, status: 'PENDING_APPROVAL' }, lock: { mode: 'pessimistic_write' } });
      const now = this.clock.now();
      for (const copy of copies) {
        const evaluation = await this.evaluate(locked, intelCase, copy.exchangeId);
        if (evaluation.decision !== 'ALLOW' || evaluation.policyVersion !== copy.policyVersion)
          throw new FreezeRequestException(
            `The policy for ${copy.exchangeId} changed during the approval; approve again`,
            FreezeRequestExceptionCode.POLICY_CHANGED,
          );
        const deadlineAt = new Date(now.getTime() + evaluation.deadlineMs);
        const body = this.body(locked, intelCase, evaluation, order.content, deadlineAt);
        const packet = await this.sealer.seal({
          type: FREEZE_REQUEST_PACKET,
          to: [copy.exchangeId],
          body: body as unknown as JsonValue,
          policyVersion: this.policies.policyVersionLabel(copy.exchangeId, evaluation.policyVersion),
        });
        const packetId = packet.header.packetId;
        await this.deliveries.enqueue({ packetId, partnerId: copy.exchangeId, type: FREEZE_REQUEST_PACKET, packet });
        await this.tx.manager
          .getRepository(FreezeRequestCopy)
          .update({ id: copy.id }, { status: 'APPROVED', packetId, deadlineAt });
        await this.clocks.scheduleDeadline(copy.id, deadlineAt);
      }
      Object.assign(locked, {
        status: 'APPROVED',
        decidedBy: officer.username,
        decidedAt: now,
        decisionComment: comment?.trim() || null,
      });
      await this.tx.manager.getRepository(FreezeRequest).save(locked);
      await this.audit.record(
        this.requests.event(AuditEventType.FREEZE_REQUEST_APPROVED, locked, officer.username, intelCase.reference, {
          exchanges: copies.map((c) => c.exchangeId).join(','),
        }),
      );
      return copies.map((c) => c.exchangeId);
    });
    this.logger.info(
      { event: 'freeze.approved', requestId: id, exchanges: sent, by: officer.username },
      `request ${request.reference} approved and sealed for ${sent.join(', ')}`,
    );
    return this.requests.get(id);
  }

  /** Judges every undecided copy again under the latest policy; true when anything changed (committed). */
  private async reevaluate(id: string): Promise<boolean> {
    return this.tx.run(async () => {
      const request = await this.requests.lockedPending(id);
      const intelCase = await this.cases.get(request.caseId);
      const repository = this.tx.manager.getRepository(FreezeRequestCopy);
      const copies = await repository.findBy({ requestId: id, status: In(['PENDING_APPROVAL', 'DENIED_BY_POLICY']) });
      let changed = false;
      for (const copy of copies) {
        const evaluation = await this.evaluate(request, intelCase, copy.exchangeId);
        const status = evaluation.decision === 'ALLOW' ? 'PENDING_APPROVAL' : 'DENIED_BY_POLICY';
        if (status === copy.status && evaluation.policyVersion === copy.policyVersion) continue;
        changed = true;
        await repository.update(
          { id: copy.id },
          { status, policyVersion: evaluation.policyVersion, policyReasons: evaluation.reasons },
        );
      }
      if (changed && !(await repository.existsBy({ requestId: id, status: 'PENDING_APPROVAL' })))
        await this.tx.manager.getRepository(FreezeRequest).update({ id }, { status: 'DENIED_BY_POLICY' });
      return changed;
    });
  }

  private async evaluate(request: FreezeRequest, intelCase: IntelCase, exchangeId: string): Promise<RequestEvaluation> {
    return evaluateRequestPolicy(
      {
        action: request.action,
        urgency: request.urgency,
        targets: request.targets,
        tlp: intelCase.content.tlp,
        offenceCategories: intelCase.content.offenceCategories,
      },
      await this.policies.outboundFor(exchangeId),
      exchangeId,
    );
  }

  /** The body exactly as the schema in docs/schemas/freeze-request.schema.json describes it. */
  private body(
    request: FreezeRequest,
    intelCase: IntelCase,
    evaluation: Allowed,
    order: Buffer,
    deadlineAt: Date,
  ): FreezeRequestBody {
    const body: FreezeRequestBody = compact({
      kind: FREEZE_REQUEST_PACKET,
      requestId: request.id,
      reference: request.reference,
      caseReference: intelCase.reference,
      action: request.action,
      legalBasis: { ...request.legalBasis, order: { ...request.legalBasis.order, content: order.toString('base64') } },
      targets: evaluation.targets,
      durationDays: request.durationDays ?? undefined,
      noTippingOff: request.noTippingOff,
      urgency: request.urgency,
      deadlineAt: deadlineAt.toISOString(),
      follows: request.follows ?? undefined,
      note: request.note ?? undefined,
      tlp: intelCase.content.tlp,
      offenceCategories: evaluation.offenceCategories,
      retentionDays: evaluation.retentionDays,
    });
    const checked = checkFreezeRequestBody(body, this.config.freezeRequests.maxOrderBytes);
    if (!checked.ok) throw new Error(`request ${request.reference} would break its own schema: ${checked.problem}`);
    return body;
  }

  private checkFourEyes(author: string, officer: AuthenticatedOfficer, what: string): void {
    if (author === officer.username)
      throw new FreezeRequestException(
        `A request must be approved by an officer who wrote none of it: ${officer.username} ${what}`,
        FreezeRequestExceptionCode.OWN_REQUEST,
      );
  }
}
