import { Inject } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { TargetAnswerType } from '../freeze-wire/dto/freeze-wire.types.js';
import type { TargetAnswer } from '../freeze-wire/freeze-wire.js';
import { Role } from '../kernel/vocabulary/role.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { ComplianceAnswerService } from './compliance-answer.service.js';
import { ComplianceQueueService } from './compliance-queue.service.js';
import { ComplianceAnswerObject, ComplianceRequestObject } from './dto/compliance.types.js';
import type { ComplianceAnswer } from './entities/compliance-answer.entity.js';
import type { ComplianceRequest, ComplianceRequestStatus } from './entities/compliance-request.entity.js';

@Resolver(() => ComplianceRequestObject)
export class ComplianceResolver {
  constructor(
    private readonly queue: ComplianceQueueService,
    private readonly answers: ComplianceAnswerService,
    private readonly policies: PartnerPolicyService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => [ComplianceRequestObject], {
    description: 'Requests from agencies: open ones first, soonest deadline first.',
  })
  @Roles(Role.COMPLIANCE_OFFICER)
  async complianceQueue(
    @Args('status', { type: () => String, nullable: true }) status: ComplianceRequestStatus | undefined,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<ComplianceRequestObject[]> {
    const requests = await this.queue.list(status ?? undefined, first);
    const answers = await this.queue.answersOf(requests.map((r) => r.id));
    return requests.map((request) => this.requestOut(request, answers));
  }

  @Query(() => ComplianceRequestObject)
  @Roles(Role.COMPLIANCE_OFFICER)
  async complianceRequest(@Args('id', { type: () => ID }) id: string): Promise<ComplianceRequestObject> {
    const request = await this.queue.get(id);
    return this.requestOut(request, await this.queue.answersOf([request.id]));
  }

  @Query(() => [ComplianceAnswerObject], {
    description: 'Answers, newest first (PENDING_APPROVAL: waiting for a second officer).',
  })
  @Roles(Role.COMPLIANCE_OFFICER)
  async complianceAnswers(
    @Args('status', { type: () => String, nullable: true }) status: string | undefined,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<ComplianceAnswerObject[]> {
    const answers = await this.queue.answers(status ?? undefined, first);
    const agencies = await this.queue.agenciesOf(answers.map((a) => a.requestId));
    return answers.map((answer) => this.answerOut(answer, agencies.get(answer.requestId) ?? ''));
  }

  @Mutation(() => ComplianceAnswerObject, {
    description:
      'An answer per target (several over time are fine); it leaves once a second compliance officer approves it.',
  })
  @Roles(Role.COMPLIANCE_OFFICER)
  async draftFreezeAnswer(
    @Args('requestId', { type: () => ID }) requestId: string,
    @Args('answers', { type: () => [TargetAnswerType] }) answers: TargetAnswerType[],
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<ComplianceAnswerObject> {
    const answer = await this.answers.draft(requestId, answers as TargetAnswer[], officer);
    return this.answerOut(answer, (await this.queue.get(answer.requestId)).agencyId);
  }

  @Mutation(() => ComplianceAnswerObject, { description: 'Seals the answer, signed by this exchange, for the agency.' })
  @Roles(Role.COMPLIANCE_OFFICER)
  async approveFreezeAnswer(
    @Args('id', { type: () => ID }) id: string,
    @Args('comment', { type: () => String, nullable: true }) comment: string | undefined,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<ComplianceAnswerObject> {
    const answer = await this.answers.approve(id, comment ?? undefined, officer);
    return this.answerOut(answer, (await this.queue.get(answer.requestId)).agencyId);
  }

  @Mutation(() => ComplianceAnswerObject)
  @Roles(Role.COMPLIANCE_OFFICER)
  async rejectFreezeAnswer(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<ComplianceAnswerObject> {
    const answer = await this.answers.reject(id, reason, officer);
    return this.answerOut(answer, (await this.queue.get(answer.requestId)).agencyId);
  }

  private requestOut(request: ComplianceRequest, answers: ComplianceAnswer[]): ComplianceRequestObject {
    const { body } = request;
    return Object.assign(new ComplianceRequestObject(), {
      id: request.id,
      agencyId: request.agencyId,
      reference: request.reference,
      caseReference: request.caseReference,
      action: request.action,
      urgency: request.urgency,
      deadlineAt: request.deadlineAt,
      overdue: request.status === 'OPEN' && request.deadlineAt.getTime() < this.clock.now().getTime(),
      noTippingOff: request.noTippingOff,
      legalBasis: body.legalBasis,
      targets: body.targets,
      durationDays: body.durationDays ?? null,
      follows: body.follows ?? null,
      note: body.note ?? null,
      status: request.status,
      packetId: request.packetId,
      receivedAt: request.receivedAt,
      answers: answers.filter((a) => a.requestId === request.id).map((a) => this.answerOut(a, request.agencyId)),
    });
  }

  private answerOut(answer: ComplianceAnswer, agencyId: string): ComplianceAnswerObject {
    return Object.assign(new ComplianceAnswerObject(), answer, {
      policyVersion:
        answer.policyVersion === null ? null : this.policies.policyVersionLabel(agencyId, answer.policyVersion),
    });
  }
}
