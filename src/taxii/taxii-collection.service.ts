import { Inject, Injectable } from '@nestjs/common';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { identityObject } from '../stix/stix-common.js';
import { tlpMarkingDefinition, type StixObject } from '../stix/stix-vocabulary.js';
import { WATCHLIST_TLP, watchlistIndicator } from '../stix/stix-watchlist.js';
import { WatchlistLookupService } from '../watchlist/watchlist-lookup.service.js';
import { WatchlistService } from '../watchlist/watchlist.service.js';
import type { TaxiiAccount } from './entities/taxii-account.entity.js';
import { TaxiiCollection } from './entities/taxii-collection.entity.js';
import {
  formatNext,
  laterOf,
  parseNext,
  STIX_MEDIA_TYPE,
  taxiiMicros,
  TaxiiRequestError,
  type Position,
} from './taxii-paging.js';
import { matchesQuery, mayMatchType, type TaxiiQuery } from './taxii-query.js';
import { TransactionContext } from '../common/database/transaction-context.js';

/** When the static objects (identity, marking) joined every collection; TAXII timestamps carry microseconds. */
const STATIC_ADDED = '2026-01-01T00:00:00.000000Z';
/** Feed rows one request may read while filtering; beyond, the page ends with more: true and a next. */
export const MAX_SCAN_ROWS = 20_000;
const FEED_PAGE = 1000;

export interface CollectionInfo {
  id: string;
  title: string;
  description: string;
  can_read: boolean;
  can_write: boolean;
  media_types: string[];
}

/** One version of one object as the collection holds it. */
export interface CollectionRecord {
  object: StixObject;
  /** TAXII timestamp (microseconds) of when this version joined the collection. */
  dateAdded: string;
  /** modified, else created (TAXII 2.1 §5.3.1). */
  version: string;
}

export interface CollectionPage {
  records: CollectionRecord[];
  more: boolean;
  next?: string;
}

function versionOf(object: StixObject): string {
  return (object.modified ?? object.created) as string;
}

function candidate(object: StixObject) {
  // The collection holds the current version of each object (TAXII 2.1 §1.6.11 lets a server drop
  // older ones): it is both the first and the last version held.
  return {
    id: object.id as string,
    type: object.type as string,
    version: versionOf(object),
    specVersion: (object.spec_version as string | undefined) ?? '2.1',
    isFirst: true,
    isLast: true,
  };
}

/**
 * The node's TAXII collections: per partner a read-only feed (the node's identity and TLP marking,
 * then an indicator per watchlist entry exactly as the partner's change feed carries it, with the
 * same policy and relay rule as the sync), and one inbox the agency's own tools write into. Pages
 * follow the feed's change sequence, so a client walking `next` never misses an entry written meanwhile.
 */
@Injectable()
export class TaxiiCollectionService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly watchlist: WatchlistService,
    private readonly lookup: WatchlistLookupService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  private get collections() {
    return this.tx.manager.getRepository(TaxiiCollection);
  }

  /** The partner's collection, created with a fresh UUIDv4 the first time it is asked for. */
  async partnerCollection(partnerId: string): Promise<TaxiiCollection> {
    return this.getOrCreate('PARTNER_FEED', partnerId);
  }

  async inboxCollection(): Promise<TaxiiCollection> {
    return this.getOrCreate('INBOX', null);
  }

  private async getOrCreate(kind: TaxiiCollection['kind'], partnerId: string | null): Promise<TaxiiCollection> {
    const find = () => this.collections.findOneBy(partnerId === null ? { kind } : { kind, partnerId });
    const found = await find();
    if (found) return found;
    await this.tx.manager.query(
      `INSERT INTO taxii_collection (kind, partner_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [kind, partnerId],
    );
    return (await find()) as TaxiiCollection;
  }

  /** The collections an account sees: a partner its feed, a publisher the inbox. */
  async visibleTo(account: TaxiiAccount): Promise<TaxiiCollection[]> {
    return [account.kind === 'PARTNER' ? await this.partnerCollection(account.username) : await this.inboxCollection()];
  }

  /** The collection `id` if the account sees it; any other id is a 404, another partner's included. */
  async resolve(account: TaxiiAccount, id: string): Promise<TaxiiCollection> {
    const [own] = await this.visibleTo(account);
    if (own.id !== id.toLowerCase())
      throw new TaxiiRequestError(404, 'Collection not found', `no collection ${id} is visible to ${account.username}`);
    return own;
  }

  describe(collection: TaxiiCollection): CollectionInfo {
    if (collection.kind === 'INBOX') {
      return {
        id: collection.id,
        title: `${this.config.id} inbox`,
        description: `Indicators and observables the agency's own tools publish; they become ${this.config.id} watchlist entries.`,
        can_read: false,
        can_write: true,
        media_types: [STIX_MEDIA_TYPE],
      };
    }
    const partnerId = collection.partnerId as string;
    return {
      id: collection.id,
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

  /** One page of the partner's collection: the objects that match `query`, oldest added first. */
  async page(partnerId: string, query: TaxiiQuery): Promise<CollectionPage> {
    const statics = this.statics();
    let position: Position = parseNext(query.next, statics.length) ?? { statics: 0 };
    if (query.addedAfter) {
      const after: Position =
        taxiiMicros(query.addedAfter) < taxiiMicros(STATIC_ADDED)
          ? { statics: 0 }
          : { feedAfter: await this.seqAddedBy(query.addedAfter) };
      position = laterOf(position, after);
    }
    const records: CollectionRecord[] = [];
    if ('statics' in position) {
      let index = position.statics;
      for (; index < statics.length && records.length < query.limit; index++) {
        if (matchesQuery(candidate(statics[index]), query))
          records.push({ object: statics[index], dateAdded: STATIC_ADDED, version: versionOf(statics[index]) });
      }
      if (index < statics.length) return { records, more: true, next: formatNext({ statics: index }) };
      position = { feedAfter: '0' };
    }
    if (!this.feedMayMatch(query)) return { records, more: false };
    return this.feedPage(partnerId, query, position.feedAfter, records);
  }

  /** Whether any indicator can match: a type or id filter may rule the whole feed out. */
  private feedMayMatch(query: TaxiiQuery): boolean {
    if (!mayMatchType(query, 'indicator')) return false;
    return !query.ids || [...query.ids].some((id) => id.startsWith('indicator--'));
  }

  private async feedPage(
    partnerId: string,
    query: TaxiiQuery,
    after: string,
    records: CollectionRecord[],
  ): Promise<CollectionPage> {
    const filtered = query.ids !== undefined || query.types !== undefined || query.specVersions !== undefined;
    const wanted = new Set([...(query.ids ?? [])].filter((id) => id.startsWith('indicator--')));
    let cursor = after;
    let more = true;
    let scanned = 0;
    while (records.length < query.limit && more && scanned < MAX_SCAN_ROWS) {
      const take = filtered ? FEED_PAGE : Math.min(FEED_PAGE, query.limit - records.length);
      const feed = await this.watchlist.changesFor(partnerId, cursor, take);
      const added = await this.datesAdded(feed.items.map((item) => item.seq));
      let stopped = false;
      for (const item of feed.items) {
        if (records.length >= query.limit) {
          stopped = true;
          break;
        }
        cursor = item.seq;
        scanned++;
        // A row written again since the page was read moved to a later sequence: it comes then.
        const dateAdded = added.get(item.seq);
        if (!dateAdded) continue;
        const object = watchlistIndicator(item.entry);
        if (!matchesQuery(candidate(object), query)) continue;
        records.push({ object, dateAdded, version: versionOf(object) });
        wanted.delete(object.id as string);
      }
      if (!stopped) {
        cursor = feed.nextCursor;
        more = feed.hasMore;
        // An empty window still moves the cursor; count it so a long run of unshared rows ends the request.
        if (feed.items.length === 0) scanned += take;
      }
      if (query.ids !== undefined && wanted.size === 0) more = false;
    }
    return more ? { records, more, next: formatNext({ feedAfter: cursor }) } : { records, more };
  }

  /** The last change sequence stored at or before `time` (stored_at follows the sequence, see watchlist.store.ts). */
  private seqAddedBy(time: string): Promise<string> {
    return this.lookup.lastSeqStoredBy(time);
  }

  private datesAdded(seqs: string[]): Promise<Map<string, string>> {
    return this.lookup.storedAt(seqs);
  }
}
