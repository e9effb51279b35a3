import { Module } from '@nestjs/common';
import { EnvelopeModule } from '../envelope/envelope.module.js';
import { InboundModule } from '../inbound/inbound.module.js';
import { DeliveryResolver } from './delivery.resolver.js';
import { DeliveryService } from './delivery.service.js';
import { FederationInboxService } from './federation-inbox.service.js';
import { JobQueueService } from './job-queue.service.js';
import { PeerEndpointServer } from './peer-endpoint.server.js';
import { PeerStatusResolver } from './peer-status.resolver.js';
import { PeerStatusService } from './peer-status.service.js';
import { WatchlistSyncRunner } from './watchlist-sync.runner.js';
import { WatchlistModule } from '../watchlist/watchlist.module.js';

/** Node-to-node transport: the mutual-TLS peer endpoint, durable delivery with receipts, watchlist sync, the job queue. */
@Module({
  imports: [EnvelopeModule, InboundModule, WatchlistModule],
  providers: [JobQueueService, DeliveryService, DeliveryResolver, FederationInboxService, PeerEndpointServer, WatchlistSyncRunner, PeerStatusService, PeerStatusResolver],
  exports: [DeliveryService, JobQueueService, PeerEndpointServer],
})
export class FederationModule {}
