import { Injectable } from '@nestjs/common';
import { PeerEndpointServer } from '../transport/peer-endpoint.server.js';
import { HitCheckServingService } from './hit-check-serving.service.js';
import { HIT_CHECK_PATH, HIT_CHECK_SET_PATH } from './hit-check-wire.js';

/** Adds the hit-check routes to the mutual-TLS peer endpoint (constructed before the server starts). */
@Injectable()
export class HitCheckPeerRoutes {
  constructor(server: PeerEndpointServer, serving: HitCheckServingService) {
    server.register('POST', HIT_CHECK_PATH, ({ peerId, body }) => serving.evaluateFor(peerId, body));
    server.register('GET', HIT_CHECK_SET_PATH, ({ peerId, url }) =>
      serving.setPageFor(
        peerId,
        url.searchParams.get('after') ?? '',
        Number(url.searchParams.get('limit') ?? Number.NaN),
      ),
    );
  }
}
