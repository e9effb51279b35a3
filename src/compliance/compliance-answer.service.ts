import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { InputException } from '../common/errors/input.exception.js';
import { LOGGER } from '../config/config.module.js';
import { PacketSealerService } from '../envelope/packet-sealer.service.js';
import { DeliveryService } from '../federation/delivery.service.js';
import { checkFreezeAnswerBody } from '../freeze-wire/freeze-wire-checks.js';
import { compact, FREEZE_ANSWER_PACKET, type FreezeAnswerBody, type TargetAnswer } from '../freeze-wire/freeze-wire.js';
import type { JsonValue } from '../kernel/crypto/canonical-json.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { evaluateAnswerPolicy, type AnswerEvaluation } from './answer-policy.js';
import { ComplianceException, ComplianceExceptionCode } from './compliance.exception.js';
import { ComplianceQueueService } from './compliance-queue.service.js';
import { ComplianceAnswer } from './entities/compliance-answer.entity.js';
import type { ComplianceRequest } from './entities/compliance-request.entity.js';

type Allowed = Extract<AnswerEvaluation, { decision: 'ALLOW' }>;

/**
 * Answers to agencies' requests. One compliance officer writes an answer (one or more targets); it
 * leaves only when a second one, who wrote none of it, approves: then it is sealed as a freeze-answer
 * packet threaded to the request, queued for delivery, and the request counts as answered once every
 * target has a substantive answer.
 */
@Injectable()
export class ComplianceAnswerService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly queue: ComplianceQueueService,
    private readonly policies: PartnerPolicyService,
    private readonly sealer: PacketSealerService,
    private readonly deliveries: DeliveryService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private get answers() {
    return this.tx.manager.getRepository(ComplianceAnswer);
  }

  async draft(requestId: string, input: TargetAnswer[], officer: AuthenticatedOfficer): Promise<ComplianceAnswer> {
    const request = await this.queue.get(requestId);
    const answers = input.map((answer) => compact(normalise(answer)));
    const body = this.body(request, answers, undefined, '00000000-0000-4000-8000-000000000000');
    const checked = checkFreezeAnswerBody(
      body,
      request.body.targets.map((t) => t.targetId),
    );
    if (!checked.ok) {
      const [pointer, ...rest] = checked.problem.split(': ');
      const field = pointer.replace(/^\/answers\//, 'answers.').replaceAll('/', '.');
      throw new InputException(field.startsWith('answers') ? field : 'answers', rest.join(': ') || checked.problem);
    }
    const evaluation = await this.evaluate(request, answers);
    const saved = await this.tx.run(async () => {
      const row = await this.answers.save(
        this.answers.create({
          requestId: request.id,
          answers,
          draftedBy: officer.username,
          draftedAt: this.clock.now(),
          status: evaluation.decision === 'ALLOW' ? 'PENDING_APPROVAL' : 'DENIED_BY_POLICY',
          policyVersion: evaluation.policyVersion,
          policyReasons: evaluation.reasons,
        }),
      );
      await this.audit.record(this.event(AuditEventType.FREEZE_ANSWER_DRAFTED, row, request, officer.username));
      return row;
    });
    this.logger.info(
      { event: 'compliance.answer_drafted', answerId: saved.id, requestId, status: saved.status, by: officer.username },
      `answer to ${request.reference} drafted: ${saved.status}`,
    );
    return saved;
  }

  async approve(id: string, comment: string | undefined, officer: AuthenticatedOfficer): Promise<ComplianceAnswer> {
    const saved = await this.tx.run(async () => {
      const answer = await this.pending(id, officer);
      const request = await this.queue.get(answer.requestId);
      const evaluation = await this.evaluate(request, answer.answers);
      if (evaluation.decision !== 'ALLOW' || evaluation.policyVersion !== answer.policyVersion)
        throw new ComplianceException(
          `The policy for ${request.agencyId} changed since the answer was written: write it again`,
          ComplianceExceptionCode.POLICY_CHANGED,
        );
      const now = this.clock.now();
      const body = this.body(request, evaluation.answers, evaluation, answer.id, now);
      const checked = checkFreezeAnswerBody(
        body,
        request.body.targets.map((t) => t.targetId),
      );
      if (!checked.ok) throw new Error(`answer ${id} would break its own schema: ${checked.problem}`);
      const packet = await this.sealer.seal({
        type: FREEZE_ANSWER_PACKET,
        to: [request.agencyId],
        body: body as unknown as JsonValue,
        policyVersion: this.policies.policyVersionLabel(request.agencyId, evaluation.policyVersion),
        inReplyTo: request.packetId,
      });
      await this.deliveries.enqueue({
        packetId: packet.header.packetId,
        partnerId: request.agencyId,
        type: FREEZE_ANSWER_PACKET,
        packet,
      });
      Object.assign(answer, {
        status: 'APPROVED',
        decidedBy: officer.username,
        decidedAt: now,
        decisionComment: comment?.trim() || null,
        packetId: packet.header.packetId,
      });
      const row = await this.answers.save(answer);
      await this.queue.markAnswered(request.id);
      await this.audit.record(this.event(AuditEventType.FREEZE_ANSWER_APPROVED, row, request, officer.username));
      return row;
    });
    this.logger.info(
      { event: 'compliance.answer_approved', answerId: id, packetId: saved.packetId, by: officer.username },
      `answer ${id} approved and sealed as packet ${saved.packetId}`,
    );
    return saved;
  }

  async reject(id: string, reason: string, officer: AuthenticatedOfficer): Promise<ComplianceAnswer> {
    const why = reason.trim();
    if (!why) throw new InputException('reason', 'say why the answer is rejected');
    if (why.length > 2000) throw new InputException('reason', 'must be at most 2000 characters');
    return this.tx.run(async () => {
      const answer = await this.pending(id, officer);
      Object.assign(answer, {
        status: 'REJECTED',
        decidedBy: officer.username,
        decidedAt: this.clock.now(),
        decisionComment: why,
      });
      const row = await this.answers.save(answer);
      const request = await this.queue.get(answer.requestId);
      await this.audit.record(this.event(AuditEventType.FREEZE_ANSWER_REJECTED, row, request, officer.username));
      return row;
    });
  }

  /** The answer, locked, if it waits for a second officer, and the caller is not the one who wrote it. */
  private async pending(id: string, officer: AuthenticatedOfficer): Promise<ComplianceAnswer> {
    if (!/^[0-9a-f-]{36}$/i.test(id))
      throw new ComplianceException(`No answer ${id}`, ComplianceExceptionCode.ANSWER_NOT_FOUND);
    const answer = await this.answers.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!answer) throw new ComplianceException(`No answer ${id}`, ComplianceExceptionCode.ANSWER_NOT_FOUND);
    if (answer.status !== 'PENDING_APPROVAL')
      throw new ComplianceException(
        `Answer ${id} is ${answer.status}, not PENDING_APPROVAL`,
        ComplianceExceptionCode.NOT_PENDING,
      );
    if (answer.draftedBy === officer.username)
      throw new ComplianceException(
        'An answer must be decided by a compliance officer other than the one who wrote it',
        ComplianceExceptionCode.OWN_ANSWER,
      );
    return answer;
  }

  private async evaluate(request: ComplianceRequest, answers: TargetAnswer[]): Promise<AnswerEvaluation> {
    return evaluateAnswerPolicy(
      request.body,
      answers,
      await this.policies.outboundFor(request.agencyId),
      request.agencyId,
    );
  }

  private body(
    request: ComplianceRequest,
    answers: TargetAnswer[],
    evaluation: Allowed | undefined,
    answerId: string,
    at: Date = this.clock.now(),
  ): FreezeAnswerBody {
    return {
      kind: FREEZE_ANSWER_PACKET,
      requestId: request.requestId,
      reference: request.reference,
      answerId,
      answers,
      answeredAt: at.toISOString(),
      tlp: request.body.tlp,
      offenceCategories: evaluation?.offenceCategories ?? request.body.offenceCategories,
      retentionDays: evaluation?.retentionDays ?? request.body.retentionDays,
    };
  }

  private event(type: AuditEventType, answer: ComplianceAnswer, request: ComplianceRequest, actor: string) {
    return {
      type,
      actor,
      subjectType: 'COMPLIANCE_ANSWER',
      subjectId: answer.id,
      details: {
        requestId: request.id,
        agencyId: request.agencyId,
        reference: request.reference,
        answers: answer.answers.map((a) => `${a.targetId}:${a.status}`).join(','),
        status: answer.status,
        draftedBy: answer.draftedBy,
        decidedBy: answer.decidedBy ?? undefined,
        packetId: answer.packetId ?? undefined,
      },
    };
  }
}

/** GraphQL gives nulls for absent fields; the wire has no nulls. Text is trimmed, timestamps made canonical. */
function normalise(answer: TargetAnswer): TargetAnswer {
  const clean = Object.fromEntries(
    Object.entries(answer).map(([key, value]) => [
      key,
      typeof value === 'string' ? value.trim() || undefined : (value ?? undefined),
    ]),
  ) as TargetAnswer;
  for (const key of ['at', 'frozenUntil'] as const) {
    const value = clean[key];
    if (value !== undefined) {
      const time = new Date(value);
      if (Number.isNaN(time.getTime()))
        throw new InputException(`answers.${key}`, 'must be a date and time (ISO 8601)');
      clean[key] = time.toISOString();
    }
  }
  return clean;
}
