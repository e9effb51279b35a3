import { Module } from '@nestjs/common';
import { FederationModule } from '../federation/federation.module.js';
import { WatchlistModule } from '../watchlist/watchlist.module.js';
import { PeerStatusResolver } from './peer-status.resolver.js';
import { PeerStatusService } from './peer-status.service.js';

/** What officers see of each configured partner node: a read model over identity, watchlist and federation. */
@Module({
  imports: [FederationModule, WatchlistModule],
  providers: [PeerStatusService, PeerStatusResolver],
})
export class PeersModule {}
