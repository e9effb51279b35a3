import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '../alerts/alerts.module.js';
import { PolicyModule } from '../policy/policy.module.js';
import { WatchlistCertificate } from './entities/watchlist-certificate.entity.js';
import { WatchlistEntryRow } from './entities/watchlist-entry.entity.js';
import { WatchlistSyncService } from './watchlist-sync.service.js';
import { WatchlistResolver } from './watchlist.resolver.js';
import { WatchlistService } from './watchlist.service.js';

/** Watchlist entries: officers' GraphQL, the signed change feed partners pull, and ingest of theirs. */
@Module({
  imports: [TypeOrmModule.forFeature([WatchlistEntryRow, WatchlistCertificate]), PolicyModule, AlertsModule],
  providers: [WatchlistService, WatchlistSyncService, WatchlistResolver],
  exports: [WatchlistService, WatchlistSyncService],
})
export class WatchlistModule {}
