import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { EnvelopeModule } from '../envelope/envelope.module.js';
import { FederationModule } from '../federation/federation.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { TransportModule } from '../transport/transport.module.js';
import { FreezeAnswerIntake } from './freeze-answer.intake.js';
import { FreezeApprovalService } from './freeze-approval.service.js';
import { FreezeClocks } from './freeze-clocks.service.js';
import { FreezeDeliveryListener } from './freeze-delivery.listener.js';
import { FreezeRequestResolver } from './freeze-request.resolver.js';
import { FreezeRequestService } from './freeze-request.service.js';
import { OrderDocuments } from './order-documents.js';

/**
 * The agency side of requests to exchanges: requests with their per-exchange copies and four-eyes
 * approval, the answers that come back, and the clocks (answer deadlines, freeze expiry) on the job queue.
 */
@Module({
  imports: [AlertsModule, CasesModule, EnvelopeModule, FederationModule, PolicyModule, TransportModule],
  providers: [
    FreezeRequestService,
    FreezeApprovalService,
    FreezeAnswerIntake,
    FreezeClocks,
    FreezeDeliveryListener,
    FreezeRequestResolver,
    OrderDocuments,
  ],
})
export class FreezeRequestsModule {}
