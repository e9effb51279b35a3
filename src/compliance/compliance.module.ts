import { Module } from '@nestjs/common';
import { EnvelopeModule } from '../envelope/envelope.module.js';
import { FederationModule } from '../federation/federation.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { ComplianceAnswerService } from './compliance-answer.service.js';
import { ComplianceDeliveryListener } from './compliance-delivery.listener.js';
import { ComplianceOrderController } from './compliance-order.controller.js';
import { ComplianceQueueService } from './compliance-queue.service.js';
import { ComplianceResolver } from './compliance.resolver.js';
import { FreezeRequestIntake } from './freeze-request.intake.js';

/**
 * The exchange side of requests: the compliance desk's queue (requests from agencies, with their
 * orders), answers written by one compliance officer and approved by another, sealed back to the agency.
 */
@Module({
  imports: [EnvelopeModule, FederationModule, PolicyModule],
  controllers: [ComplianceOrderController],
  providers: [
    ComplianceQueueService,
    ComplianceAnswerService,
    ComplianceDeliveryListener,
    ComplianceResolver,
    FreezeRequestIntake,
  ],
})
export class ComplianceModule {}
