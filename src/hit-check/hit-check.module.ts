import { Module } from '@nestjs/common';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { sodiumReady } from '../kernel/crypto/sodium.js';
import { TransportModule } from '../transport/transport.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { WatchlistModule } from '../watchlist/watchlist.module.js';
import { HitCheckClientService } from './hit-check-client.service.js';
import { HitCheckPeerRoutes } from './hit-check-peer.routes.js';
import { HIT_CHECK_KEY, HitCheckServingService } from './hit-check-serving.service.js';
import { HitCheckResolver } from './hit-check.resolver.js';
import { loadHitCheckKey } from './hit-check-key.js';

/** Blinded (OPRF) hit/no-hit between partners, on the transport's peer endpoint. */
@Module({
  imports: [TransportModule, PolicyModule, WatchlistModule],
  providers: [
    {
      provide: HIT_CHECK_KEY,
      inject: [NODE_CONFIG],
      useFactory: async (config: NodeConfig) => loadHitCheckKey(config, await sodiumReady()),
    },
    HitCheckServingService,
    HitCheckClientService,
    HitCheckPeerRoutes,
    HitCheckResolver,
  ],
  exports: [HitCheckClientService],
})
export class HitCheckModule {}
