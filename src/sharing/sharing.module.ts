import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/cases.module.js';
import { FederationModule } from '../federation/federation.module.js';
import { InboundModule } from '../inbound/inbound.module.js';
import { EnvelopeModule } from '../envelope/envelope.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { OutboundPacket } from './entities/outbound-packet.entity.js';
import { ShareRequest } from './entities/share-request.entity.js';
import { ShareRequestResolver } from './share-request.resolver.js';
import { ShareRequestService } from './share-request.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ShareRequest, OutboundPacket]), CasesModule, PolicyModule, EnvelopeModule, InboundModule, FederationModule],
  providers: [ShareRequestService, ShareRequestResolver],
  exports: [ShareRequestService],
})
export class SharingModule {}
