import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { Role } from '../kernel/vocabulary/role.js';
import { SharePurposeEnum } from '../policy/dto/partner-policy.types.js';
import type { Purpose } from '../policy/sharing-policy.js';
import { ShareRequestObject } from './dto/share-request.object.js';
import { ShareRequestService, type ShareRequestView } from './share-request.service.js';
import { ShareStatus } from './share-status.js';

export function toObject(
  { request, caseReference, stale }: ShareRequestView,
  label: (partnerId: string, version: number) => string,
): ShareRequestObject {
  return Object.assign(new ShareRequestObject(), request, {
    caseReference,
    stale,
    policyVersion: request.policyVersion === null ? null : label(request.partnerId, request.policyVersion),
  });
}

@Resolver(() => ShareRequestObject)
export class ShareRequestResolver {
  constructor(private readonly shares: ShareRequestService) {}

  private out(view: ShareRequestView): ShareRequestObject {
    return toObject(view, (partnerId, version) => this.shares.policyVersionLabel(partnerId, version));
  }

  @Mutation(() => [ShareRequestObject], {
    description: 'One request per partner, each with its redacted preview; a liaison officer decides.',
  })
  @Roles(Role.ANALYST)
  async requestShare(
    @Args('caseId', { type: () => ID }) caseId: string,
    @Args('partnerIds', { type: () => [String] }) partnerIds: string[],
    @Args('purpose', { type: () => SharePurposeEnum }) purpose: Purpose,
    @Args('note', { type: () => String, nullable: true }) note: string | undefined,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<ShareRequestObject[]> {
    return (await this.shares.request(caseId, partnerIds, purpose, note ?? undefined, officer)).map((view) =>
      this.out(view),
    );
  }

  @Mutation(() => ShareRequestObject, {
    description: "Answers a partner's packet (e.g. a freeze request); leaves after a liaison officer approves.",
  })
  @Roles(Role.ANALYST)
  async replyToPacket(
    @Args('packetId') packetId: string,
    @Args('text') text: string,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<ShareRequestObject> {
    return this.out(await this.shares.requestReply(packetId, text, officer));
  }

  @Query(() => [ShareRequestObject])
  @Roles(Role.LIAISON_OFFICER, Role.ANALYST)
  async shareRequests(
    @Args('status', { type: () => ShareStatus, nullable: true }) status: ShareStatus | undefined,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<ShareRequestObject[]> {
    return (await this.shares.list(status ?? undefined, first)).map((view) => this.out(view));
  }

  @Query(() => ShareRequestObject)
  @Roles(Role.LIAISON_OFFICER, Role.ANALYST)
  async shareRequest(@Args('id', { type: () => ID }) id: string): Promise<ShareRequestObject> {
    return this.out(await this.shares.get(id));
  }

  @Mutation(() => ShareRequestObject, {
    description:
      'Recomputes a pending preview from the current case (or reply) and policy; whoever refreshes becomes its requester, so another officer approves it.',
  })
  @Roles(Role.LIAISON_OFFICER, Role.ANALYST)
  async refreshSharePreview(
    @Args('id', { type: () => ID }) id: string,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<ShareRequestObject> {
    return this.out(await this.shares.refresh(id, officer));
  }

  @Mutation(() => ShareRequestObject, {
    description: 'Seals exactly the previewed payload and queues it for delivery.',
  })
  @Roles(Role.LIAISON_OFFICER)
  async approveShare(
    @Args('id', { type: () => ID }) id: string,
    @Args('comment', { type: () => String, nullable: true }) comment: string | undefined,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<ShareRequestObject> {
    return this.out(await this.shares.approve(id, comment ?? undefined, officer));
  }

  @Mutation(() => ShareRequestObject)
  @Roles(Role.LIAISON_OFFICER)
  async rejectShare(
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<ShareRequestObject> {
    return this.out(await this.shares.reject(id, reason, officer));
  }

  @Mutation(() => ShareRequestObject, { description: 'The requesting analyst takes back a pending request.' })
  @Roles(Role.ANALYST)
  async withdrawShare(
    @Args('id', { type: () => ID }) id: string,
    @CurrentOfficer() officer: AuthenticatedOfficer,
  ): Promise<ShareRequestObject> {
    return this.out(await this.shares.withdraw(id, officer));
  }
}
