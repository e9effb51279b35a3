import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { FederationModule } from '../federation/federation.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { InboundPacketResolver } from './inbound-packet.resolver.js';
import { InboundPacketService } from './inbound-packet.service.js';
import { ReplyThreads } from './reply-threads.js';

/** Case and reply packets from partners: registered with federation's inbox, checked, stored read-only. */
@Module({
  imports: [PolicyModule, AlertsModule, FederationModule],
  providers: [InboundPacketService, InboundPacketResolver, ReplyThreads],
  exports: [InboundPacketService, ReplyThreads],
})
export class InboundModule {}
