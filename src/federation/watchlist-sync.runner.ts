import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { NodeIdentityService } from '../identity/node-identity.service.js';
import { FeedWireError, fromWire, toWire } from '../watchlist/feed-wire.js';
import { DEFAULT_FEED_LIMIT, MAX_FEED_LIMIT, WatchlistSyncService } from '../watchlist/watchlist-sync.service.js';
import { callPeer } from './peer-client.js';
import { PeerEndpointServer } from './peer-endpoint.server.js';

export const WATCHLIST_CHANGES_PATH = '/federation/v1/watchlist/changes';
export const WATCHLIST_ENTRIES_PATH = '/federation/v1/watchlist/entries';
/**
 * Items per request when pushing or pulling. Large pages amortise the per-request work (TLS handshake,
 * feed query, cursor write, transaction) over a backlog; the feed caps a page at MAX_FEED_LIMIT.
 */
const PAGE = MAX_FEED_LIMIT;
/** Pushed pages awaiting the partner's answer at once (see pushTo). */
const PUSHES_IN_FLIGHT = 2;

type Direction = 'PUSH' | 'PULL';

/** A pulled page with each item's certificate resolved (still unchecked: ingest checks every item). */
interface PulledPage {
  items: unknown[];
  nextCursor: string;
  hasMore: boolean;
}

/**
 * Keeps partners' watchlists in step with ours over the peer endpoint. Push: whenever our change
 * sequence moves, each partner's feed is sent from its PUSH cursor (promptly, from whichever replica
 * gets the partner's advisory lock). Pull: every `federation.watchlistPullSeconds`, and at start-up,
 * each partner's feed is read from our PULL cursor, so a node that was down catches up.
 */
@Injectable()
export class WatchlistSyncRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running = false;
  private lastHead = '';
  private lastPull = 0;
  private readonly backoffUntil = new Map<string, number>();

  constructor(
    private readonly sync: WatchlistSyncService,
    private readonly identity: NodeIdentityService,
    server: PeerEndpointServer,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    server.register('GET', WATCHLIST_CHANGES_PATH, async ({ peerId, url }) => {
      const list = (name: string) => url.searchParams.get(name)?.split(',').filter(Boolean);
      const page = await this.sync.changesFor(peerId, url.searchParams.get('after') ?? '0', Number(url.searchParams.get('limit') ?? DEFAULT_FEED_LIMIT), {
        origins: list('origins'),
        excludeOrigins: list('excludeOrigins'),
      });
      return { status: 200, body: { ...toWire(page.items), nextCursor: page.nextCursor, hasMore: page.hasMore } };
    });
    server.register('POST', WATCHLIST_ENTRIES_PATH, async ({ peerId, body }) => {
      const { items, originCertificates, after, nextCursor } = (body ?? {}) as Record<string, unknown>;
      if (!Array.isArray(items)) return badPage('send { items: [...], originCertificates: {...} }');
      let resolved: unknown[];
      try {
        resolved = fromWire(items, originCertificates);
      } catch (error) {
        if (error instanceof FeedWireError) return badPage(error.message);
        throw error;
      }
      const { problems, ...counts } = await this.sync.ingest(resolved, peerId);
      if (isCursor(after) && isCursor(nextCursor)) await this.advancePullCursor(peerId, after, nextCursor);
      return { status: 200, body: { ...counts, problems: problems.slice(0, 100) } };
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.federation.watchlistPushIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One round: push if our feed moved, pull if it is time. Exposed for tests and the catch-up CLI. */
  async tick(forcePull = false): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const [{ head }] = (await this.db.query('SELECT coalesce(max(change_seq), 0)::text AS head FROM watchlist_entry')) as { head: string }[];
      if (head !== this.lastHead) {
        for (const peer of this.config.peers) await this.guarded(peer.id, 'PUSH', () => this.pushTo(peer));
        this.lastHead = head;
      }
      if (forcePull || Date.now() - this.lastPull > this.config.federation.watchlistPullSeconds * 1000) {
        this.lastPull = Date.now();
        for (const peer of this.config.peers) await this.guarded(peer.id, 'PULL', () => this.pullFrom(peer));
      }
    } catch (error) {
      this.logger.error({ err: error, event: 'watchlist.sync_error' }, 'watchlist sync round failed');
    } finally {
      this.running = false;
    }
  }

  /** Pulls a peer's whole backlog now; returns how many items arrived. */
  async pullFrom(peer: { id: string; url: string }): Promise<number> {
    const fetchPage = async (cursor: string): Promise<PulledPage> => {
      const path = `${WATCHLIST_CHANGES_PATH}?after=${cursor}&limit=${PAGE}&excludeOrigins=${this.config.id}`;
      const response = await callPeer(this.identity.current(), peer, 'GET', path, undefined, this.timeoutMs());
      if (response.status !== 200) throw new Error(`${peer.id} answered HTTP ${response.status} to a watchlist pull`);
      const { items, originCertificates, nextCursor, hasMore } = (response.body ?? {}) as Record<string, unknown>;
      if (!Array.isArray(items) || !isCursor(nextCursor) || typeof hasMore !== 'boolean') {
        throw new Error(`${peer.id} answered a watchlist pull with something other than a feed page`);
      }
      return { items: fromWire(items, originCertificates), nextCursor, hasMore };
    };
    let page = await fetchPage(await this.cursor(peer.id, 'PULL'));
    let total = 0;
    for (;;) {
      // The next page travels while this one is ingested (one ahead; the cursor still moves in order).
      const following = page.hasMore ? settleLater(fetchPage(page.nextCursor)) : undefined;
      if (page.items.length) await this.sync.ingest(page.items, peer.id);
      total += page.items.length;
      // A push that covered this page meanwhile has moved the cursor (advancePullCursor): the peer is
      // pushing its backlog, and chasing it would fetch every page twice. The next round looks again.
      const pushed = BigInt(await this.cursor(peer.id, 'PULL')) >= BigInt(page.nextCursor);
      await this.saveCursor(peer.id, 'PULL', page.nextCursor);
      if (!following || pushed) return total;
      page = await following;
    }
  }

  private async pushTo(peer: { id: string; url: string }): Promise<void> {
    const readPage = (cursor: string) => this.sync.changesFor(peer.id, cursor, PAGE, { excludeOrigins: [peer.id] });
    // Up to PUSHES_IN_FLIGHT pages travel at once, so the partner parses the next page while it
    // ingests this one; the cursor moves only over pages acknowledged in order. Order of arrival does
    // not matter to the partner: merging versions is order-independent (watchlist-merge.ts).
    const inFlight: { sent: Promise<void>; nextCursor: string }[] = [];
    const settleOldest = async () => {
      const oldest = inFlight.shift()!;
      await oldest.sent;
      await this.saveCursor(peer.id, 'PUSH', oldest.nextCursor);
    };
    try {
      let after = await this.cursor(peer.id, 'PUSH');
      let page = await readPage(after);
      for (;;) {
        // The next page is read while this one travels.
        const following = page.hasMore ? settleLater(readPage(page.nextCursor)) : undefined;
        // `after` and `nextCursor` say which stretch of our feed this is, so the partner's pull can skip it.
        const body = { ...toWire(page.items), after, nextCursor: page.nextCursor };
        inFlight.push({ sent: settleLater(page.items.length ? this.post(peer, body) : Promise.resolve()), nextCursor: page.nextCursor });
        if (inFlight.length >= PUSHES_IN_FLIGHT || !following) await settleOldest();
        if (!following) break;
        after = page.nextCursor;
        page = await following;
      }
      while (inFlight.length > 0) await settleOldest();
    } finally {
      // After a failure, let the pages still travelling finish before the next round starts over.
      await Promise.allSettled(inFlight.map((pending) => pending.sent));
    }
  }

  private async post(peer: { id: string; url: string }, body: { items: unknown[]; originCertificates: Record<string, string>; after: string; nextCursor: string }): Promise<void> {
    const response = await callPeer(this.identity.current(), peer, 'POST', WATCHLIST_ENTRIES_PATH, body, this.timeoutMs());
    if (response.status !== 200) throw new Error(`${peer.id} answered HTTP ${response.status} to a watchlist push`);
  }

  /**
   * A pushed page is exactly the page our pull would fetch for that stretch of the peer's feed (same
   * feed, same filter), so once it is ingested our PULL cursor may move over it — but only when it
   * starts at or before the cursor: a stretch further on leaves a gap the pull must still read.
   */
  private async advancePullCursor(peerId: string, after: string, nextCursor: string): Promise<void> {
    await this.db.query(
      `WITH moved AS (
         UPDATE watchlist_sync_cursor SET cursor = $3, updated_at = now()
         WHERE peer_id = $1 AND direction = 'PULL' AND cursor >= $2::bigint AND cursor < $3::bigint RETURNING 1)
       INSERT INTO watchlist_sync_cursor (peer_id, direction, cursor)
       SELECT $1, 'PULL', $3 WHERE $2::bigint = 0 AND NOT EXISTS (SELECT 1 FROM moved)
       ON CONFLICT (peer_id, direction) DO NOTHING`,
      [peerId, after, nextCursor],
    );
  }

  /** One replica at a time per peer and direction; a failing peer is left alone for a while. */
  private async guarded(peerId: string, direction: Direction, work: () => Promise<unknown>): Promise<void> {
    const key = `${direction}:${peerId}`;
    if ((this.backoffUntil.get(key) ?? 0) > Date.now()) return;
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`watchlist-sync:${key}`])) as { locked: boolean }[];
      if (!locked) return;
      try {
        await work();
        this.backoffUntil.delete(key);
        await this.db.query('UPDATE watchlist_sync_cursor SET last_success_at = now(), last_error = NULL WHERE peer_id = $1 AND direction = $2', [peerId, direction]);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.backoffUntil.set(key, Date.now() + Math.min(30_000, this.config.federation.retryBaseSeconds * 1000 * 4));
        this.lastHead = '';
        await this.db.query(
          `INSERT INTO watchlist_sync_cursor (peer_id, direction, last_error) VALUES ($1, $2, $3)
           ON CONFLICT (peer_id, direction) DO UPDATE SET last_error = $3, updated_at = now()`,
          [peerId, direction, message.slice(0, 1000)],
        );
        this.logger.debug({ event: 'watchlist.sync_failed', peerId, direction, error: message }, `watchlist ${direction} with ${peerId} failed`);
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`watchlist-sync:${key}`]);
      }
    } finally {
      await runner.release();
    }
  }

  private async cursor(peerId: string, direction: Direction): Promise<string> {
    const [row] = (await this.db.query('SELECT cursor::text AS cursor FROM watchlist_sync_cursor WHERE peer_id = $1 AND direction = $2', [peerId, direction])) as {
      cursor: string;
    }[];
    return row?.cursor ?? '0';
  }

  private async saveCursor(peerId: string, direction: Direction, cursor: string): Promise<void> {
    await this.db.query(
      `INSERT INTO watchlist_sync_cursor (peer_id, direction, cursor) VALUES ($1, $2, $3)
       ON CONFLICT (peer_id, direction) DO UPDATE SET cursor = GREATEST(watchlist_sync_cursor.cursor, $3::bigint), updated_at = now()`,
      [peerId, direction, cursor],
    );
  }

  private timeoutMs(): number {
    return this.config.federation.requestTimeoutSeconds * 1000;
  }
}

function badPage(message: string) {
  return { status: 400, body: { error: { code: 'BAD_USER_INPUT', message } } };
}

function isCursor(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= 9223372036854775807n;
}

/** A promise read ahead: if the loop stops before awaiting it, its failure is not an unhandled rejection. */
function settleLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
