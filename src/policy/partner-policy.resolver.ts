import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentOfficer, Roles } from '../common/auth/auth.decorators.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { Role } from '../kernel/vocabulary/role.js';
import { PartnerPolicyInput, PartnerPolicyObject } from './dto/partner-policy.types.js';
import type { PartnerPolicyVersion } from './entities/partner-policy.entity.js';
import { PartnerPolicyService } from './partner-policy.service.js';

@Resolver(() => PartnerPolicyObject)
export class PartnerPolicyResolver {
  constructor(private readonly policies: PartnerPolicyService) {}

  @Query(() => PartnerPolicyObject, { description: 'The latest policy for a partner, or a given version.' })
  @Roles(Role.ADMIN, Role.LIAISON_OFFICER, Role.AUDITOR)
  async partnerPolicy(
    @Args('partnerId') partnerId: string,
    @Args('version', { type: () => Int, nullable: true }) version?: number,
  ): Promise<PartnerPolicyObject> {
    return this.toObject(await this.policies.get(partnerId, version ?? undefined));
  }

  @Query(() => [PartnerPolicyObject], { description: 'The latest policy of every partner.' })
  @Roles(Role.ADMIN, Role.LIAISON_OFFICER, Role.AUDITOR)
  async partnerPolicies(): Promise<PartnerPolicyObject[]> {
    return (await this.policies.listLatest()).map((row) => this.toObject(row));
  }

  @Mutation(() => PartnerPolicyObject, { description: 'Creates a new version of the policy for a partner.' })
  @Roles(Role.ADMIN)
  async setPartnerPolicy(
    @Args('partnerId') partnerId: string,
    @Args('policy') policy: PartnerPolicyInput,
    @CurrentOfficer() admin: AuthenticatedOfficer,
  ): Promise<PartnerPolicyObject> {
    return this.toObject(
      await this.policies.set(
        partnerId,
        { outbound: policy.outbound ?? undefined, inbound: policy.inbound ?? undefined },
        admin.username,
      ),
    );
  }

  private toObject(row: PartnerPolicyVersion): PartnerPolicyObject {
    return Object.assign(new PartnerPolicyObject(), {
      partnerId: row.partnerId,
      version: row.version,
      policyVersion: this.policies.policyVersionLabel(row.partnerId, row.version),
      outbound: row.outbound,
      inbound: row.inbound,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
    });
  }
}
