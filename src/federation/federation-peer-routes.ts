import { Injectable } from '@nestjs/common';
import { PeerEndpointServer } from '../transport/peer-endpoint.server.js';
import { FederationInboxService } from './federation-inbox.service.js';
import { PACKETS_PATH } from './partner-packet.client.js';

/** Adds the packet inbox to the mutual-TLS peer endpoint (constructed before the server starts). */
@Injectable()
export class FederationPeerRoutes {
  constructor(server: PeerEndpointServer, inbox: FederationInboxService) {
    // The body's bytes: the envelope parses them itself (canonical fast path; MALFORMED for bad JSON).
    server.register('POST', PACKETS_PATH, async ({ peerId, body }) => inbox.receive(body, peerId), { rawBody: true });
  }
}
