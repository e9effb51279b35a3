import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnerPolicyVersion } from './entities/partner-policy.entity.js';
import { PartnerPolicyResolver } from './partner-policy.resolver.js';
import { PartnerPolicyService } from './partner-policy.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([PartnerPolicyVersion])],
  providers: [PartnerPolicyService, PartnerPolicyResolver],
  exports: [PartnerPolicyService],
})
export class PolicyModule {}
