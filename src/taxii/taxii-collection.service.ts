import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { identityObject } from '../stix/stix-common.js';
import { FEDNODE_NAMESPACE } from '../stix/stix-ids.js';
import { tlpMarkingDefinition, type StixObject } from '../stix/stix-vocabulary.js';
import { WATCHLIST_TLP, watchlistIndicator } from '../stix/stix-watchlist.js';
import { WatchlistService } from '../watchlist/watchlist.service.js';
import { formatNext, laterOf, STIX_MEDIA_TYPE, type Position } from './taxii-paging.js';

/** When the static objects (identity, marking) joined every collection. */
const STATIC_ADDED = '2026-01-01T00:00:00.000Z';

export interface CollectionInfo {
  id: string;
  title: string;
  description: string;
  can_read: boolean;
  can_write: boolean;
  media_types: string[];
}

export interface ObjectPage {
  objects: { object: StixObject; dateAdded: string }[];
  more: boolean;
  next?: string;
}

/**
 * One read-only collection per partner: this node's identity and TLP marking, then an indicator per
 * watchlist entry exactly as the partner's change feed carries it (WatchlistService.changesFor, the
 * same policy and relay rule as the sync), revocations as revoked indicators. Pages follow the feed's
 * change sequence, so a client walking `next` never misses an entry written meanwhile.
 */
@Injectable()
export class TaxiiCollectionService {
  constructor(
    private readonly watchlist: WatchlistService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  collectionId(partnerId: string): string {
    return uuidv5(`taxii/${this.config.id}/${partnerId}`, FEDNODE_NAMESPACE);
  }

  collection(partnerId: string): CollectionInfo {
    return {
      id: this.collectionId(partnerId),
      title: `${this.config.id} watchlist for ${partnerId}`,
      description: `Indicators of the watchlist entries ${this.config.id} shares with ${partnerId} under its current sharing policy.`,
      can_read: true,
      can_write: false,
      media_types: [STIX_MEDIA_TYPE],
    };
  }

  private statics(): StixObject[] {
    return [identityObject({ id: this.config.id, name: this.config.name }), tlpMarkingDefinition(WATCHLIST_TLP)];
  }

  async page(partnerId: string, limit: number, next: Position | undefined, addedAfter: string | undefined): Promise<ObjectPage> {
    const statics = this.statics();
    let position: Position = next ?? { statics: 0 };
    if (addedAfter) position = laterOf(position, Date.parse(addedAfter) < Date.parse(STATIC_ADDED) ? { statics: 0 } : { feedAfter: await this.seqAddedBy(addedAfter) });
    const objects: ObjectPage['objects'] = [];
    if ('statics' in position) {
      const take = statics.slice(position.statics, position.statics + limit);
      objects.push(...take.map((object) => ({ object, dateAdded: STATIC_ADDED })));
      position = position.statics + take.length < statics.length ? { statics: position.statics + take.length } : { feedAfter: '0' };
      if ('statics' in position) return { objects, more: true, next: formatNext(position) };
    }
    let cursor = position.feedAfter;
    let more = true;
    while (objects.length < limit && more) {
      const feed = await this.watchlist.changesFor(partnerId, cursor, limit - objects.length);
      const added = await this.datesAdded(feed.items.map((item) => item.seq));
      for (const item of feed.items) {
        // A row written again since the page was read moved to a later sequence: it comes then.
        const dateAdded = added.get(item.seq);
        if (dateAdded) objects.push({ object: watchlistIndicator(item.entry), dateAdded });
      }
      cursor = feed.nextCursor;
      more = feed.hasMore;
    }
    return more ? { objects, more, next: formatNext({ feedAfter: cursor }) } : { objects, more };
  }

  /** The last change sequence stored at or before `time` (stored_at follows the sequence, see watchlist.store.ts). */
  private async seqAddedBy(time: string): Promise<string> {
    const [row] = (await this.db.query('SELECT change_seq::text AS seq FROM watchlist_entry WHERE stored_at <= $1::timestamptz ORDER BY change_seq DESC LIMIT 1', [time])) as { seq: string }[];
    return row?.seq ?? '0';
  }

  private async datesAdded(seqs: string[]): Promise<Map<string, string>> {
    if (seqs.length === 0) return new Map();
    // Microseconds, as stored: a client's next added_after then repeats as little as possible.
    const rows = (await this.db.query(
      `SELECT change_seq::text AS seq, to_char(stored_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS added
       FROM watchlist_entry WHERE change_seq = ANY($1::bigint[])`,
      [seqs],
    )) as { seq: string; added: string }[];
    return new Map(rows.map((row) => [row.seq, row.added]));
  }
}
