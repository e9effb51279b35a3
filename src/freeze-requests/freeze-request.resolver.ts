import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { CurrentOfficer, Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { parseIsoDuration } from '../common/time/iso-duration.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { Role } from '../kernel/vocabulary/role.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { FreezeHoldObject, FreezeRequestInput, FreezeRequestObject } from './dto/freeze-request.types.js';
import type { FreezeHold } from './entities/freeze-hold.entity.js';
import type { FreezeRequestStatus } from './entities/freeze-request.entity.js';
import { FreezeApprovalService } from './freeze-approval.service.js';
import { FreezeRequestService, type FreezeRequestView } from './freeze-request.service.js';

@Resolver(() => FreezeRequestObject)
export class FreezeRequestResolver {
  private readonly firstReminderMs: number;

  constructor(
    private readonly requests: FreezeRequestService,
    private readonly approvals: FreezeApprovalService,
    private readonly policies: PartnerPolicyService,
    @Inject(NODE_CONFIG) config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.firstReminderMs = Math.max(0, ...config.freezeRequests.expiryReminders.map((d) => parseIsoDuration(d) ?? 0));
  }

  @Mutation(() => FreezeRequestObject, {
    description:
      'A request to exchanges about wallets of a case, one copy per exchange; a liaison officer approves it.',
  })
  @Roles(Role.ANALYST)
  async requestFreeze(
    @Args('input') input: FreezeRequestInput,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<FreezeRequestObject> {
    return this.out(await this.requests.request(input, officer));
  }

  @Mutation(() => FreezeRequestObject, { description: 'One step: ask the exchange holding a freeze to extend it.' })
  @Roles(Role.ANALYST)
  async extendFreeze(
    @Args('holdId', { type: () => ID }) holdId: string,
    @Args('durationDays', { type: () => Int }) durationDays: number,
    @Args('note', { type: () => String, nullable: true }) note: string | undefined,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<FreezeRequestObject> {
    return this.out(await this.requests.extend(holdId, durationDays, note ?? undefined, officer));
  }

  @Mutation(() => FreezeRequestObject, { description: 'One step: ask the exchange holding a freeze to release it.' })
  @Roles(Role.ANALYST)
  async releaseFreeze(
    @Args('holdId', { type: () => ID }) holdId: string,
    @Args('note', { type: () => String, nullable: true }) note: string | undefined,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<FreezeRequestObject> {
    return this.out(await this.requests.release(holdId, note ?? undefined, officer));
  }

  @Mutation(() => FreezeRequestObject, {
    description: 'Seals each allowed copy (with its order) for its exchange and starts its answer deadline.',
  })
  @Roles(Role.LIAISON_OFFICER)
  async approveFreezeRequest(
    @Args('id', { type: () => ID }) id: string,
    @Args('comment', { type: () => String, nullable: true }) comment: string | undefined,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<FreezeRequestObject> {
    return this.out(await this.approvals.approve(id, comment ?? undefined, officer));
  }

  @Mutation(() => FreezeRequestObject)
  @Roles(Role.LIAISON_OFFICER)
  async rejectFreezeRequest(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<FreezeRequestObject> {
    return this.out(await this.requests.reject(id, reason, officer));
  }

  @Mutation(() => FreezeRequestObject)
  @Roles(Role.ANALYST)
  async withdrawFreezeRequest(
    @Args('id', { type: () => ID }) id: string,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<FreezeRequestObject> {
    return this.out(await this.requests.withdraw(id, officer));
  }

  @Query(() => [FreezeRequestObject], { description: 'Requests to exchanges, newest first.' })
  @Roles(Role.ANALYST, Role.LIAISON_OFFICER)
  async freezeRequests(
    @Args('caseId', { type: () => ID, nullable: true }) caseId: string | undefined,
    @Args('status', { type: () => String, nullable: true }) status: FreezeRequestStatus | undefined,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<FreezeRequestObject[]> {
    const views = await this.requests.list({ caseId: caseId ?? undefined, status: status ?? undefined, first });
    return views.map((view) => this.out(view));
  }

  @Query(() => FreezeRequestObject)
  @Roles(Role.ANALYST, Role.LIAISON_OFFICER)
  async freezeRequest(@Args('id', { type: () => ID }) id: string): Promise<FreezeRequestObject> {
    return this.out(await this.requests.get(id));
  }

  @Query(() => [FreezeHoldObject], { description: 'Freezes held at exchanges for us, soonest end first.' })
  @Roles(Role.ANALYST, Role.LIAISON_OFFICER)
  async freezeHolds(
    @Args('caseId', { type: () => ID, nullable: true }) caseId: string | undefined,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<FreezeHoldObject[]> {
    return (await this.requests.holds(caseId ?? undefined, first)).map(({ hold, requestReference }) =>
      this.holdOut(hold, requestReference),
    );
  }

  private holdOut(hold: FreezeHold, requestReference: string): FreezeHoldObject {
    const soon = hold.frozenUntil.getTime() - this.clock.now().getTime() <= this.firstReminderMs;
    return Object.assign(new FreezeHoldObject(), hold, {
      requestReference,
      expiringSoon: hold.status === 'HELD' && soon,
    }) as FreezeHoldObject;
  }

  private out({ request, caseReference, copies }: FreezeRequestView): FreezeRequestObject {
    const now = this.clock.now().getTime();
    return Object.assign(new FreezeRequestObject(), request, {
      caseReference,
      copies: copies.map(({ copy, answers }) => ({
        ...copy,
        policyVersion:
          copy.policyVersion === null ? null : this.policies.policyVersionLabel(copy.exchangeId, copy.policyVersion),
        overdue: copy.deadlineAt !== null && copy.deadlineAt.getTime() < now && copy.answerState !== 'ANSWERED',
        answers: answers.map((answer) => ({
          ...answer.detail,
          packetId: answer.packetId,
          answeredAt: answer.answeredAt,
          receivedAt: answer.receivedAt,
        })),
      })),
    }) as FreezeRequestObject;
  }
}
