import { Module } from '@nestjs/common';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { sodiumReady } from '../envelope/sodium.js';
import { FederationModule } from '../federation/federation.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { HitCheckClientService } from './hit-check-client.service.js';
import { HitCheckPeerRoutes } from './hit-check-peer.routes.js';
import { HIT_CHECK_KEY, HitCheckServingService } from './hit-check-serving.service.js';
import { HitCheckResolver } from './hit-check.resolver.js';
import { loadHitCheckKey } from './hit-check-key.js';

/** Blinded (OPRF) hit/no-hit between partners; FederationModule only provides the peer endpoint, so no cycle. */
@Module({
  imports: [FederationModule, PolicyModule],
  providers: [
    { provide: HIT_CHECK_KEY, inject: [NODE_CONFIG], useFactory: async (config: NodeConfig) => loadHitCheckKey(config, await sodiumReady()) },
    HitCheckServingService,
    HitCheckClientService,
    HitCheckPeerRoutes,
    HitCheckResolver,
  ],
  exports: [HitCheckClientService],
})
export class HitCheckModule {}
