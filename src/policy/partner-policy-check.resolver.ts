import { Inject } from '@nestjs/common';
import { Args, Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../common/auth/auth.decorators.js';
import { Role } from '../kernel/vocabulary/role.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { FieldTransformEnum, PartnerPolicyInput } from './dto/partner-policy.types.js';
import { checkPartnerPolicy, fieldTransforms } from './partner-policy-check.js';
import type { FieldTransform } from './sharing-policy.js';

@ObjectType('PolicyProblem', { description: 'Something setPartnerPolicy would refuse, and the input field at fault.' })
class PolicyProblemObject {
  @Field({ description: 'e.g. policy.outbound.transforms.0.path' })
  field!: string;

  @Field()
  message!: string;
}

@ObjectType('PolicyFieldTransforms', {
  description: 'A case field a policy may transform, and the transforms that apply.',
})
class PolicyFieldTransformsObject {
  @Field({ description: 'e.g. subjects[].dateOfBirth' })
  path!: string;

  @Field(() => [FieldTransformEnum])
  transforms!: readonly FieldTransform[];
}

@Resolver()
export class PartnerPolicyCheckResolver {
  constructor(@Inject(NODE_CONFIG) private readonly config: NodeConfig) {}

  @Query(() => [PolicyProblemObject], {
    description:
      'Every problem setPartnerPolicy would find in this policy (empty: it would be accepted); nothing is stored.',
  })
  @Roles(Role.ADMIN)
  checkPartnerPolicy(
    @Args('partnerId') partnerId: string,
    @Args('policy') policy: PartnerPolicyInput,
  ): PolicyProblemObject[] {
    return checkPartnerPolicy(
      partnerId,
      { outbound: policy.outbound ?? undefined, inbound: policy.inbound ?? undefined },
      this.config.peers,
      this.config.id,
    );
  }

  @Query(() => [PolicyFieldTransformsObject], {
    description: 'The case fields a policy may transform, each with the transforms that apply to it.',
  })
  @Roles(Role.ADMIN, Role.LIAISON_OFFICER, Role.AUDITOR)
  policyFieldTransforms(): PolicyFieldTransformsObject[] {
    return fieldTransforms();
  }
}
