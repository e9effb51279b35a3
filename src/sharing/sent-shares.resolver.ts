import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../common/auth/auth.decorators.js';
import { Role } from '../kernel/vocabulary/role.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { ShareRequestObject } from './dto/share-request.object.js';
import { SentSharesService } from './sent-shares.service.js';
import { toObject } from './share-request.resolver.js';

@Resolver(() => ShareRequestObject)
export class SentSharesResolver {
  constructor(
    private readonly sent: SentSharesService,
    private readonly policies: PartnerPolicyService,
  ) {}

  @Query(() => [ShareRequestObject], {
    description:
      'What left this node: every approved share and reply with its sealed content, requester, approver and delivery, newest decision first. For auditors.',
  })
  @Roles(Role.AUDITOR)
  async sentShares(
    @Args('partnerId', { type: () => String, nullable: true }) partnerId: string | undefined,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
  ): Promise<ShareRequestObject[]> {
    return (await this.sent.list(partnerId ?? undefined, first)).map((view) =>
      toObject(view, (partner, version) => this.policies.policyVersionLabel(partner, version)),
    );
  }
}
