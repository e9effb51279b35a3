import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { In } from 'typeorm';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import type { IntelCase } from '../cases/entities/intel-case.entity.js';
import { CaseService } from '../cases/case.service.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { InputException } from '../common/errors/input.exception.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { FreezeAnswer } from './entities/freeze-answer.entity.js';
import { FreezeHold } from './entities/freeze-hold.entity.js';
import { FreezeRequestCopy } from './entities/freeze-request-copy.entity.js';
import { FreezeRequest, type FreezeRequestStatus } from './entities/freeze-request.entity.js';
import { checkDraft, type CheckedDraft, type FreezeRequestDraft } from './freeze-request-input.js';
import { FreezeRequestException, FreezeRequestExceptionCode } from './freeze-request.exception.js';
import { OrderDocuments } from './order-documents.js';
import { evaluateRequestPolicy } from './request-policy.js';

/** A request with its copies and their answers, as the resolver shows it. */
export interface FreezeRequestView {
  request: FreezeRequest;
  caseReference: string;
  copies: { copy: FreezeRequestCopy; answers: FreezeAnswer[] }[];
}

export interface FreezeRequestFilter {
  caseId?: string;
  status?: FreezeRequestStatus;
  first: number;
}

/**
 * Requests from this agency to exchanges: one per case and action, one copy per exchange, each copy
 * judged by our outbound policy for that exchange when it is written and again when it is approved
 * (FreezeApprovalService seals and sends). Extending or releasing a freeze is one step: a new request
 * prefilled from the one that set the hold, through the same approval.
 */
@Injectable()
export class FreezeRequestService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly cases: CaseService,
    private readonly orders: OrderDocuments,
    private readonly policies: PartnerPolicyService,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private get requests() {
    return this.tx.manager.getRepository(FreezeRequest);
  }

  private get copies() {
    return this.tx.manager.getRepository(FreezeRequestCopy);
  }

  /** The exchanges among our peers; a request goes to nobody else. */
  exchangeIds(): string[] {
    return this.config.peers.filter((peer) => peer.kind === 'exchange').map((peer) => peer.id);
  }

  async request(draft: FreezeRequestDraft, officer: AuthenticatedOfficer): Promise<FreezeRequestView> {
    this.assertAgency();
    const exchanges = [...new Set(draft.exchangeIds)];
    if (exchanges.length === 0) throw new InputException('input.exchangeIds', 'name at least one exchange');
    const unknown = exchanges.filter((id) => !this.exchangeIds().includes(id));
    if (unknown.length)
      throw new InputException(
        'input.exchangeIds',
        `not exchanges among ${this.config.id}'s peers: ${unknown.join(', ')} (exchanges: ${this.exchangeIds().join(', ') || 'none'})`,
      );
    const checked = checkDraft(draft);
    const intelCase = await this.cases.get(draft.caseId);
    const order = await this.orders.describe(intelCase, checked.orderAttachmentId);
    return this.create(intelCase, checked, order, exchanges, null, officer);
  }

  /** One step: a FREEZE for the held target, to the same exchange, under the original legal basis. */
  async extend(holdId: string, durationDays: number, note: string | undefined, officer: AuthenticatedOfficer) {
    return this.followUp(holdId, officer, (original) => ({ action: 'FREEZE', durationDays, note, original }));
  }

  /** One step: a RELEASE of the held target at its exchange. */
  async release(holdId: string, note: string | undefined, officer: AuthenticatedOfficer) {
    return this.followUp(holdId, officer, (original) => ({ action: 'RELEASE', durationDays: null, note, original }));
  }

  private async followUp(
    holdId: string,
    officer: AuthenticatedOfficer,
    shape: (original: FreezeRequest) => {
      action: 'FREEZE' | 'RELEASE';
      durationDays: number | null;
      note: string | undefined;
      original: FreezeRequest;
    },
  ): Promise<FreezeRequestView> {
    this.assertAgency();
    const hold = await this.tx.manager.getRepository(FreezeHold).findOneBy({ id: this.uuid(holdId, 'holdId') });
    if (!hold) throw new FreezeRequestException(`No freeze ${holdId}`, FreezeRequestExceptionCode.HOLD_NOT_FOUND);
    if (hold.status !== 'HELD')
      throw new FreezeRequestException(
        `The freeze ${holdId} is ${hold.status}, not HELD`,
        FreezeRequestExceptionCode.NOT_HELD,
      );
    const copy = await this.copies.findOneByOrFail({ id: hold.copyId });
    const { action, durationDays, note, original } = shape(await this.requests.findOneByOrFail({ id: copy.requestId }));
    const target = original.targets.find((t) => t.targetId === hold.targetId);
    if (!target) throw new Error(`hold ${holdId} names target ${hold.targetId}, which its request lacks`);
    if (
      action === 'FREEZE' &&
      (!Number.isInteger(durationDays) || (durationDays ?? 0) < 1 || (durationDays ?? 0) > 3650)
    )
      throw new InputException('durationDays', 'must be a whole number of days from 1 to 3650');
    const { instrumentType, reference, issuingAuthority, issuedOn } = original.legalBasis;
    const checked: CheckedDraft = {
      action,
      legalBasis: { instrumentType, reference, issuingAuthority, ...(issuedOn ? { issuedOn } : {}) },
      orderAttachmentId: original.orderAttachmentId,
      targets: [{ ...target, targetId: 'T1' }],
      durationDays,
      noTippingOff: original.noTippingOff,
      urgency: original.urgency,
      note: note?.trim() || null,
    };
    const intelCase = await this.cases.get(original.caseId);
    const order = await this.orders.describe(intelCase, original.orderAttachmentId);
    return this.create(intelCase, checked, order, [hold.exchangeId], original.reference, officer);
  }

  private async create(
    intelCase: IntelCase,
    checked: CheckedDraft,
    order: FreezeRequest['legalBasis']['order'],
    exchanges: string[],
    follows: string | null,
    officer: AuthenticatedOfficer,
  ): Promise<FreezeRequestView> {
    const now = this.clock.now();
    const saved = await this.tx.run(async () => {
      const evaluations = await Promise.all(
        exchanges.map(async (exchangeId) => ({
          exchangeId,
          evaluation: evaluateRequestPolicy(
            { ...checked, tlp: intelCase.content.tlp, offenceCategories: intelCase.content.offenceCategories },
            await this.policies.outboundFor(exchangeId),
            exchangeId,
          ),
        })),
      );
      const anyAllowed = evaluations.some((e) => e.evaluation.decision === 'ALLOW');
      const request = await this.requests.save(
        this.requests.create({
          reference: `FR-${now.toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex').toUpperCase()}`,
          caseId: intelCase.id,
          action: checked.action,
          legalBasis: { ...checked.legalBasis, order },
          orderAttachmentId: checked.orderAttachmentId,
          orderSha256: order.sha256,
          targets: checked.targets,
          durationDays: checked.durationDays,
          noTippingOff: checked.noTippingOff,
          urgency: checked.urgency,
          follows,
          note: checked.note,
          status: anyAllowed ? 'PENDING_APPROVAL' : 'DENIED_BY_POLICY',
          requestedBy: officer.username,
          requestedAt: now,
        }),
      );
      for (const { exchangeId, evaluation } of evaluations)
        await this.copies.insert({
          requestId: request.id,
          exchangeId,
          status: evaluation.decision === 'ALLOW' ? 'PENDING_APPROVAL' : 'DENIED_BY_POLICY',
          policyVersion: evaluation.policyVersion,
          policyReasons: evaluation.reasons,
        });
      await this.audit.record(
        this.event(AuditEventType.FREEZE_REQUESTED, request, officer.username, intelCase.reference, {
          exchanges: evaluations.map((e) => `${e.exchangeId}:${e.evaluation.decision}`).join(','),
        }),
      );
      return request;
    });
    this.logger.info(
      { event: 'freeze.requested', requestId: saved.id, reference: saved.reference, exchanges, by: officer.username },
      `${saved.action} request ${saved.reference} on case ${intelCase.reference} for ${exchanges.join(', ')}: ${saved.status}`,
    );
    return this.get(saved.id);
  }

  async reject(id: string, reason: string, officer: AuthenticatedOfficer): Promise<FreezeRequestView> {
    const why = reason.trim();
    if (!why) throw new InputException('reason', 'say why the request is rejected');
    if (why.length > 2000) throw new InputException('reason', 'must be at most 2000 characters');
    await this.decide(id, officer, 'REJECTED', why);
    return this.get(id);
  }

  async withdraw(id: string, officer: AuthenticatedOfficer): Promise<FreezeRequestView> {
    await this.decide(id, officer, 'WITHDRAWN', null);
    return this.get(id);
  }

  private async decide(
    id: string,
    officer: AuthenticatedOfficer,
    status: 'REJECTED' | 'WITHDRAWN',
    comment: string | null,
  ): Promise<void> {
    await this.tx.run(async () => {
      const request = await this.lockedPending(id);
      if (status === 'REJECTED' && request.requestedBy === officer.username)
        throw new FreezeRequestException(
          'A request must be decided by an officer other than the one who requested it',
          FreezeRequestExceptionCode.OWN_REQUEST,
        );
      if (status === 'WITHDRAWN' && request.requestedBy !== officer.username)
        throw new FreezeRequestException(
          'Only the analyst who wrote a request can withdraw it',
          FreezeRequestExceptionCode.NOT_REQUESTER,
        );
      const decided = status === 'REJECTED' ? { decidedBy: officer.username, decidedAt: this.clock.now() } : {};
      await this.requests.update({ id }, { status, decisionComment: comment, ...decided });
      await this.copies.update({ requestId: id, status: 'PENDING_APPROVAL' }, { status });
      const type =
        status === 'REJECTED' ? AuditEventType.FREEZE_REQUEST_REJECTED : AuditEventType.FREEZE_REQUEST_WITHDRAWN;
      await this.audit.record(this.event(type, { ...request, status }, officer.username));
    });
  }

  /** The request row, locked, if it is still waiting for a decision. */
  async lockedPending(id: string): Promise<FreezeRequest> {
    const request = await this.requests.findOne({
      where: { id: this.uuid(id, 'id') },
      lock: { mode: 'pessimistic_write' },
    });
    if (!request) throw new FreezeRequestException(`No request ${id}`, FreezeRequestExceptionCode.REQUEST_NOT_FOUND);
    if (request.status !== 'PENDING_APPROVAL')
      throw new FreezeRequestException(
        `Request ${request.reference} is ${request.status}, not PENDING_APPROVAL`,
        FreezeRequestExceptionCode.NOT_PENDING,
      );
    return request;
  }

  async get(id: string): Promise<FreezeRequestView> {
    const request = await this.requests.findOneBy({ id: this.uuid(id, 'id') });
    if (!request) throw new FreezeRequestException(`No request ${id}`, FreezeRequestExceptionCode.REQUEST_NOT_FOUND);
    return (await this.views([request]))[0];
  }

  async list(filter: FreezeRequestFilter): Promise<FreezeRequestView[]> {
    const rows = await this.requests.find({
      where: {
        ...(filter.caseId ? { caseId: this.uuid(filter.caseId, 'caseId') } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      },
      order: { requestedAt: 'DESC' },
      take: Math.min(Math.max(filter.first, 1), 500),
    });
    return this.views(rows);
  }

  /** Freezes held for us (with the request that set each), soonest end first. */
  async holds(caseId: string | undefined, first: number): Promise<{ hold: FreezeHold; requestReference: string }[]> {
    const holds = await this.tx.manager.getRepository(FreezeHold).find({
      where: caseId ? { caseId: this.uuid(caseId, 'caseId') } : {},
      order: { frozenUntil: 'ASC' },
      take: Math.min(Math.max(first, 1), 500),
    });
    if (holds.length === 0) return [];
    const copies = await this.copies.findBy({ id: In(holds.map((h) => h.copyId)) });
    const requests = await this.requests.findBy({ id: In(copies.map((c) => c.requestId)) });
    const referenceOf = (copyId: string) =>
      requests.find((r) => r.id === copies.find((c) => c.id === copyId)?.requestId)?.reference ?? '';
    return holds.map((hold) => ({ hold, requestReference: referenceOf(hold.copyId) }));
  }

  private async views(rows: FreezeRequest[]): Promise<FreezeRequestView[]> {
    if (rows.length === 0) return [];
    const copies = await this.copies.find({
      where: { requestId: In(rows.map((r) => r.id)) },
      order: { exchangeId: 'ASC' },
    });
    const answers = copies.length
      ? await this.tx.manager.getRepository(FreezeAnswer).find({
          where: { copyId: In(copies.map((c) => c.id)) },
          order: { answeredAt: 'ASC', targetId: 'ASC' },
        })
      : [];
    const cases = await this.cases.revisions(rows.map((r) => r.caseId));
    return rows.map((request) => ({
      request,
      caseReference: cases.get(request.caseId)?.reference ?? '',
      copies: copies
        .filter((copy) => copy.requestId === request.id)
        .map((copy) => ({ copy, answers: answers.filter((a) => a.copyId === copy.id) })),
    }));
  }

  /** References and decisions only: never the targets or the order. */
  event(
    type: AuditEventType,
    request: FreezeRequest,
    actor: string,
    caseReference?: string,
    extra: Record<string, string> = {},
  ) {
    return {
      type,
      actor,
      subjectType: 'FREEZE_REQUEST',
      subjectId: request.id,
      details: {
        reference: request.reference,
        caseId: request.caseId,
        caseReference,
        action: request.action,
        urgency: request.urgency,
        status: request.status,
        targets: request.targets.length,
        orderSha256: request.orderSha256,
        requestedBy: request.requestedBy,
        follows: request.follows ?? undefined,
        ...extra,
      },
    };
  }

  private assertAgency(): void {
    if (this.config.kind !== 'agency')
      throw new FreezeRequestException(
        'Only an agency sends requests to exchanges; this node is an exchange',
        FreezeRequestExceptionCode.NOT_AN_AGENCY,
      );
  }

  private uuid(value: string, field: string): string {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
      throw new InputException(field, 'must be an id (UUID)');
    return value;
  }
}
