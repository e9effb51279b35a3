import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '../alerts/alerts.module.js';
import { EnvelopeModule } from '../envelope/envelope.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { ReceivedPacket } from './entities/received-packet.entity.js';
import { InboundPacketResolver } from './inbound-packet.resolver.js';
import { InboundPacketService } from './inbound-packet.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ReceivedPacket]), PolicyModule, EnvelopeModule, AlertsModule],
  providers: [InboundPacketService, InboundPacketResolver],
  exports: [InboundPacketService],
})
export class InboundModule {}
