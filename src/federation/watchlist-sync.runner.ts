import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { NodeIdentityService } from '../identity/node-identity.service.js';
import { WatchlistSyncService, type WatchlistFeedPage } from '../watchlist/watchlist-sync.service.js';
import { callPeer } from './peer-client.js';
import { PeerEndpointServer } from './peer-endpoint.server.js';

export const WATCHLIST_CHANGES_PATH = '/federation/v1/watchlist/changes';
export const WATCHLIST_ENTRIES_PATH = '/federation/v1/watchlist/entries';
const PAGE = 1000;

type Direction = 'PUSH' | 'PULL';

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
      const page = await this.sync.changesFor(peerId, url.searchParams.get('after') ?? '0', Number(url.searchParams.get('limit') ?? PAGE), {
        origins: list('origins'),
        excludeOrigins: list('excludeOrigins'),
      });
      return { status: 200, body: page };
    });
    server.register('POST', WATCHLIST_ENTRIES_PATH, async ({ peerId, body }) => {
      const items = (body as { items?: unknown })?.items;
      if (!Array.isArray(items)) return { status: 400, body: { error: { code: 'BAD_USER_INPUT', message: 'send { items: [...] }' } } };
      const { problems, ...counts } = await this.sync.ingest(items, peerId);
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
    let cursor = await this.cursor(peer.id, 'PULL');
    let total = 0;
    for (;;) {
      const path = `${WATCHLIST_CHANGES_PATH}?after=${cursor}&limit=${PAGE}&excludeOrigins=${this.config.id}`;
      const response = await callPeer(this.identity.current(), peer, 'GET', path, undefined, this.timeoutMs());
      if (response.status !== 200) throw new Error(`${peer.id} answered HTTP ${response.status} to a watchlist pull`);
      const page = response.body as WatchlistFeedPage;
      if (page.items.length) await this.sync.ingest(page.items, peer.id);
      total += page.items.length;
      cursor = page.nextCursor;
      await this.saveCursor(peer.id, 'PULL', cursor);
      if (!page.hasMore) return total;
    }
  }

  private async pushTo(peer: { id: string; url: string }): Promise<void> {
    let cursor = await this.cursor(peer.id, 'PUSH');
    for (;;) {
      const page = await this.sync.changesFor(peer.id, cursor, PAGE, { excludeOrigins: [peer.id] });
      if (page.items.length) {
        const response = await callPeer(this.identity.current(), peer, 'POST', WATCHLIST_ENTRIES_PATH, { items: page.items }, this.timeoutMs());
        if (response.status !== 200) throw new Error(`${peer.id} answered HTTP ${response.status} to a watchlist push`);
      }
      cursor = page.nextCursor;
      await this.saveCursor(peer.id, 'PUSH', cursor);
      if (!page.hasMore) return;
    }
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
