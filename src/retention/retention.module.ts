import { Module } from '@nestjs/common';
import { TransportModule } from '../transport/transport.module.js';
import { InboundModule } from '../inbound/inbound.module.js';
import { WatchlistModule } from '../watchlist/watchlist.module.js';
import { RetentionService } from './retention.service.js';

/** Scheduled purge of partners' data at the end of its retention. */
@Module({
  imports: [TransportModule, InboundModule, WatchlistModule],
  providers: [RetentionService],
  exports: [RetentionService],
})
export class RetentionModule {}
