import { Module } from '@nestjs/common';
import { PartnerPolicyCheckResolver } from './partner-policy-check.resolver.js';
import { PartnerPolicyResolver } from './partner-policy.resolver.js';
import { PartnerPolicyService } from './partner-policy.service.js';

@Module({
  providers: [PartnerPolicyService, PartnerPolicyResolver, PartnerPolicyCheckResolver],
  exports: [PartnerPolicyService],
})
export class PolicyModule {}
