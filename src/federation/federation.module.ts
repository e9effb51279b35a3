import { Module } from '@nestjs/common';
import { EnvelopeModule } from '../envelope/envelope.module.js';
import { TransportModule } from '../transport/transport.module.js';
import { DeliveryMetricsCollector } from './delivery-metrics.collector.js';
import { DeliveryOutcomes } from './delivery-outcomes.js';
import { DeliveryResolver } from './delivery.resolver.js';
import { DeliveryService } from './delivery.service.js';
import { FederationInboxService } from './federation-inbox.service.js';
import { FederationPeerRoutes } from './federation-peer-routes.js';
import { PacketHandlers } from './packet-handlers.js';
import { PartnerPacketClient } from './partner-packet.client.js';

/**
 * Packets between nodes: durable delivery with signed receipts, and the inbox that verifies, stores
 * (through the handler a module registered for the packet's type) and answers with a receipt. It knows
 * nothing of cases or shares: modules register packet handlers and delivery listeners.
 */
@Module({
  imports: [EnvelopeModule, TransportModule],
  providers: [
    PacketHandlers,
    DeliveryOutcomes,
    PartnerPacketClient,
    DeliveryService,
    DeliveryResolver,
    DeliveryMetricsCollector,
    FederationInboxService,
    FederationPeerRoutes,
  ],
  exports: [DeliveryService, PacketHandlers, DeliveryOutcomes],
})
export class FederationModule {}
