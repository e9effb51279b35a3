import { Module } from '@nestjs/common';
import { JobQueueService } from './job-queue.service.js';
import { PeerCaller } from './peer-caller.js';
import { PeerEndpointServer } from './peer-endpoint.server.js';
import { PeerProtocols } from './peer-protocols.js';

/**
 * How nodes reach each other and how work outlives a process: the mutual-TLS peer endpoint (other
 * modules register their routes on it), the client that calls peers (PeerCaller), and the durable
 * job queue. It knows nothing of packets, watchlists or shares.
 */
@Module({
  providers: [JobQueueService, PeerEndpointServer, PeerCaller, PeerProtocols],
  exports: [JobQueueService, PeerEndpointServer, PeerCaller, PeerProtocols],
})
export class TransportModule {}
