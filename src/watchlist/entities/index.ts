import { WatchlistCertificate } from './watchlist-certificate.entity.js';
import { WatchlistEntryRow } from './watchlist-entry.entity.js';
import { WatchlistSentLive } from './watchlist-sent-live.entity.js';

/** The watchlist's TypeORM entities, registered in src/database/entities.ts. */
export const WATCHLIST_ENTITIES = [WatchlistEntryRow, WatchlistCertificate, WatchlistSentLive];
