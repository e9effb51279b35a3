import { Entity, PrimaryColumn } from 'typeorm';

/**
 * A partner was served a live version of this entry (a feed page it pulled, a push, TAXII, a STIX
 * export for it). Only such partners are served the entry's tombstone: a revocation must not tell a
 * partner about an entry it never held. Written by WatchlistSyncService.changesFor; purged with the entry.
 */
@Entity({ name: 'watchlist_sent_live' })
export class WatchlistSentLive {
  @PrimaryColumn({ type: 'text' })
  origin!: string;

  @PrimaryColumn({ name: 'entry_id', type: 'uuid' })
  entryId!: string;

  @PrimaryColumn({ name: 'partner_id', type: 'text' })
  partnerId!: string;
}
