import { Module } from '@nestjs/common';
import { FederationModule } from '../federation/federation.module.js';
import { InboundModule } from '../inbound/inbound.module.js';
import { WatchlistModule } from '../watchlist/watchlist.module.js';
import { RetentionService } from './retention.service.js';

/** Scheduled purge of partners' data at the end of its retention. */
@Module({
  imports: [FederationModule, InboundModule, WatchlistModule],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {}
