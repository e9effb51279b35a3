import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { EnvelopeModule } from '../envelope/envelope.module.js';
import { FederationModule } from '../federation/federation.module.js';
import { InboundModule } from '../inbound/inbound.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { ShareDeliveryListener } from './share-delivery.listener.js';
import { SharePreviewService } from './share-preview.service.js';
import { SentSharesResolver } from './sent-shares.resolver.js';
import { SentSharesService } from './sent-shares.service.js';
import { RemovedFieldTextResolver, ShareRequestTextResolver } from './share-request-text.resolver.js';
import { ShareRequestResolver } from './share-request.resolver.js';
import { ShareRequestService } from './share-request.service.js';

@Module({
  imports: [CasesModule, PolicyModule, EnvelopeModule, InboundModule, FederationModule],
  providers: [
    ShareRequestService,
    SharePreviewService,
    ShareRequestResolver,
    ShareDeliveryListener,
    ShareRequestTextResolver,
    RemovedFieldTextResolver,
    SentSharesService,
    SentSharesResolver,
  ],
  exports: [ShareRequestService],
})
export class SharingModule {}
