import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { TransportModule } from '../transport/transport.module.js';
import { WatchlistLookupService } from './watchlist-lookup.service.js';
import { WatchlistSyncMetricsCollector } from './watchlist-sync-metrics.collector.js';
import { WatchlistSyncRunner } from './watchlist-sync.runner.js';
import { WatchlistSyncService } from './watchlist-sync.service.js';
import { WatchlistResolver } from './watchlist.resolver.js';
import { WatchlistService } from './watchlist.service.js';

/**
 * Watchlist entries: officers' GraphQL, the signed change feed partners pull, ingest of theirs, and
 * the sync that pushes and pulls feeds over the transport's peer endpoint.
 */
@Module({
  imports: [PolicyModule, AlertsModule, TransportModule],
  providers: [
    WatchlistService,
    WatchlistSyncService,
    WatchlistResolver,
    WatchlistSyncRunner,
    WatchlistSyncMetricsCollector,
    WatchlistLookupService,
  ],
  exports: [WatchlistService, WatchlistSyncService, WatchlistSyncRunner, WatchlistLookupService],
})
export class WatchlistModule {}
