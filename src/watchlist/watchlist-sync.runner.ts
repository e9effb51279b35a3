import { Inject, Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { FeedWireError, fromWire, toWire } from './feed-wire.js';
import { DEFAULT_FEED_LIMIT, MAX_FEED_LIMIT, parseCursor, WatchlistSyncService } from './watchlist-sync.service.js';
import { InputException } from '../common/errors/input.exception.js';
import { PeerEndpointServer } from '../transport/peer-endpoint.server.js';
import { PeerProtocols } from '../transport/peer-protocols.js';
import { wireValidator } from '../kernel/wire/wire-schemas.js';
import { NEWEST_PROTOCOL_VERSION, type ProtocolVersion } from '../kernel/vocabulary/protocol-version.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { PeerCaller } from '../transport/peer-caller.js';

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

export interface WatchlistSyncState {
  peerId: string;
  direction: string;
  cursor: string;
  lastSuccessAt: Date | null;
  lastError: string | null;
}

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
export class WatchlistSyncRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopping = false;
  private round?: Promise<void>;
  private lastHead = '';
  private lastPull = 0;
  private readonly backoffUntil = new Map<string, number>();

  constructor(
    private readonly tx: TransactionContext,
    private readonly sync: WatchlistSyncService,
    private readonly peers: PeerCaller,
    private readonly protocols: PeerProtocols,
    server: PeerEndpointServer,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    // The page is served in the protocol version the puller named (PROTOCOL.md §15).
    server.register('GET', WATCHLIST_CHANGES_PATH, async ({ peerId, url, protocol }) => {
      const list = (name: string) => url.searchParams.get(name)?.split(',').filter(Boolean);
      const page = await this.sync.changesFor(
        peerId,
        parseCursor(url.searchParams.get('after') ?? '0', 'after'),
        feedLimit(url.searchParams.get('limit')),
        {
          origins: list('origins'),
          excludeOrigins: list('excludeOrigins'),
        },
        protocol,
      );
      return { status: 200, body: { ...toWire(page.items), nextCursor: page.nextCursor, hasMore: page.hasMore } };
    });
    server.register('POST', WATCHLIST_ENTRIES_PATH, async ({ peerId, body }) => {
      // The page as a whole against docs/schemas/watchlist-push.json; each item on its own in ingest.
      const { items, originCertificates, after, nextCursor } = (isRecord(body) ? body : {}) as Record<string, unknown>;
      if (!Array.isArray(items)) return badPage('send { items: [...], originCertificates: {...} }');
      if (items.length > MAX_FEED_LIMIT) return badPage(`items: at most ${MAX_FEED_LIMIT} per push`);
      const envelope = pushSchema.problem({ ...(body as object), items: [] });
      if (envelope) return badPage(envelope);
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

  /** Before the database closes: no new round starts, and the one under way ends first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.round;
  }

  /** One round: push if our feed moved, pull if it is time. Exposed for tests and the catch-up CLI. */
  async tick(forcePull = false): Promise<void> {
    if (this.running || this.stopping) return;
    this.running = true;
    this.round = this.runRound(forcePull);
    await this.round;
  }

  private async runRound(forcePull: boolean): Promise<void> {
    try {
      const [{ head }] = (await this.tx.manager.query(
        'SELECT coalesce(max(change_seq), 0)::text AS head FROM watchlist_entry',
      )) as { head: string }[];
      if (head !== this.lastHead) {
        for (const peer of this.config.peers) {
          if (!this.stopping) await this.guarded(peer.id, 'PUSH', () => this.pushTo(peer));
        }
        this.lastHead = head;
      }
      if (forcePull || Date.now() - this.lastPull > this.config.federation.watchlistPullSeconds * 1000) {
        this.lastPull = Date.now();
        for (const peer of this.config.peers) {
          if (!this.stopping) await this.guarded(peer.id, 'PULL', () => this.pullFrom(peer));
        }
      }
    } catch (error) {
      this.logger.error({ err: error, event: 'watchlist.sync_error' }, 'watchlist sync round failed');
    } finally {
      this.running = false;
    }
  }

  /** Pulls a peer's whole backlog now; returns how many items arrived. */
  async pullFrom(peer: { id: string; url: string }): Promise<number> {
    const protocol = await this.protocols.versionFor(peer);
    const fetchPage = async (cursor: string): Promise<PulledPage> => {
      const path = `${WATCHLIST_CHANGES_PATH}?after=${cursor}&limit=${PAGE}&excludeOrigins=${this.config.id}`;
      const response = await this.peers.call(peer, 'GET', path, undefined, this.timeoutMs(), { protocol });
      if (response.status !== 200) throw new Error(`${peer.id} answered HTTP ${response.status} to a watchlist pull`);
      const { items, originCertificates, nextCursor, hasMore } = (response.body ?? {}) as Record<string, unknown>;
      // The page as a whole against docs/schemas/watchlist-feed-page.json; each item on its own in ingest.
      if (!Array.isArray(items)) throw new Error(`${peer.id} answered a watchlist pull without items`);
      const envelope = pageSchema.problem({ ...(response.body as object), items: [] });
      if (envelope !== undefined || !isCursor(nextCursor) || typeof hasMore !== 'boolean') {
        throw new Error(`${peer.id} answered a watchlist pull with something other than a feed page: ${envelope}`);
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
    const readPageAs = (cursor: string, version: ProtocolVersion) =>
      this.sync.changesFor(peer.id, cursor, PAGE, { excludeOrigins: [peer.id] }, version);
    // Nothing new for this partner: nothing to send, so no need to ask which protocol it speaks.
    const start = await this.cursor(peer.id, 'PUSH');
    const glance = await readPageAs(start, NEWEST_PROTOCOL_VERSION);
    if (glance.items.length === 0 && !glance.hasMore) {
      await this.saveCursor(peer.id, 'PUSH', glance.nextCursor);
      return;
    }
    // A partner that speaks only protocol 1 gets no relay grants (PROTOCOL.md §15).
    const protocol = await this.protocols.versionFor(peer);
    const readPage = (cursor: string) => readPageAs(cursor, protocol);
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
      let after = start;
      let page = protocol === NEWEST_PROTOCOL_VERSION ? glance : await readPage(after);
      for (;;) {
        // The next page is read while this one travels.
        const following = page.hasMore ? settleLater(readPage(page.nextCursor)) : undefined;
        // `after` and `nextCursor` say which stretch of our feed this is, so the partner's pull can skip it.
        const body = { ...toWire(page.items), after, nextCursor: page.nextCursor };
        inFlight.push({
          sent: settleLater(page.items.length ? this.post(peer, body, protocol) : Promise.resolve()),
          nextCursor: page.nextCursor,
        });
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

  private async post(
    peer: { id: string; url: string },
    body: { items: unknown[]; originCertificates: Record<string, string>; after: string; nextCursor: string },
    protocol: number,
  ): Promise<void> {
    const response = await this.peers.call(peer, 'POST', WATCHLIST_ENTRIES_PATH, body, this.timeoutMs(), { protocol });
    if (response.status !== 200) throw new Error(`${peer.id} answered HTTP ${response.status} to a watchlist push`);
  }

  /**
   * A pushed page is exactly the page our pull would fetch for that stretch of the peer's feed (same
   * feed, same filter), so once it is ingested our PULL cursor may move over it — but only when it
   * starts at or before the cursor: a stretch further on leaves a gap the pull must still read.
   */
  private async advancePullCursor(peerId: string, after: string, nextCursor: string): Promise<void> {
    await this.tx.manager.query(
      `WITH moved AS (
         UPDATE watchlist_sync_cursor SET cursor = $3, updated_at = now()
         WHERE peer_id = $1 AND direction = 'PULL' AND cursor >= $2::bigint AND cursor < $3::bigint RETURNING 1)
       INSERT INTO watchlist_sync_cursor (peer_id, direction, cursor)
       SELECT $1, 'PULL', $3 WHERE $2::bigint = 0 AND NOT EXISTS (SELECT 1 FROM moved)
       ON CONFLICT (peer_id, direction) DO NOTHING`,
      [peerId, after, nextCursor],
    );
  }

  /** Where the sync with each peer stands, for administrators (cursor, last success, last error). */
  async syncStates(peerIds: string[]): Promise<WatchlistSyncState[]> {
    const rows = (await this.tx.manager.query(
      `SELECT peer_id, direction, cursor::text AS cursor, last_success_at, last_error
         FROM watchlist_sync_cursor WHERE peer_id = ANY($1) ORDER BY direction`,
      [peerIds],
    )) as {
      peer_id: string;
      direction: string;
      cursor: string;
      last_success_at: Date | null;
      last_error: string | null;
    }[];
    return rows.map((row) => ({
      peerId: row.peer_id,
      direction: row.direction,
      cursor: row.cursor,
      lastSuccessAt: row.last_success_at,
      lastError: row.last_error,
    }));
  }

  /** One replica at a time per peer and direction; a failing peer is left alone for a while. */
  private async guarded(peerId: string, direction: Direction, work: () => Promise<unknown>): Promise<void> {
    const key = `${direction}:${peerId}`;
    if ((this.backoffUntil.get(key) ?? 0) > Date.now()) return;
    const runner = this.tx.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [
        `watchlist-sync:${key}`,
      ])) as { locked: boolean }[];
      if (!locked) return;
      try {
        await work();
        this.backoffUntil.delete(key);
        await this.tx.manager.query(
          'UPDATE watchlist_sync_cursor SET last_success_at = now(), last_error = NULL WHERE peer_id = $1 AND direction = $2',
          [peerId, direction],
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.backoffUntil.set(key, Date.now() + Math.min(30_000, this.config.federation.retryBaseSeconds * 1000 * 4));
        this.lastHead = '';
        await this.tx.manager.query(
          `INSERT INTO watchlist_sync_cursor (peer_id, direction, last_error) VALUES ($1, $2, $3)
           ON CONFLICT (peer_id, direction) DO UPDATE SET last_error = $3, updated_at = now()`,
          [peerId, direction, message.slice(0, 1000)],
        );
        this.logger.debug(
          { event: 'watchlist.sync_failed', peerId, direction, error: message },
          `watchlist ${direction} with ${peerId} failed`,
        );
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`watchlist-sync:${key}`]);
      }
    } finally {
      await runner.release();
    }
  }

  private async cursor(peerId: string, direction: Direction): Promise<string> {
    const [row] = (await this.tx.manager.query(
      'SELECT cursor::text AS cursor FROM watchlist_sync_cursor WHERE peer_id = $1 AND direction = $2',
      [peerId, direction],
    )) as {
      cursor: string;
    }[];
    return row?.cursor ?? '0';
  }

  private async saveCursor(peerId: string, direction: Direction, cursor: string): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO watchlist_sync_cursor (peer_id, direction, cursor) VALUES ($1, $2, $3)
       ON CONFLICT (peer_id, direction) DO UPDATE SET cursor = GREATEST(watchlist_sync_cursor.cursor, $3::bigint), updated_at = now()`,
      [peerId, direction, cursor],
    );
  }

  private timeoutMs(): number {
    return this.config.federation.requestTimeoutSeconds * 1000;
  }
}

/** `limit` of a feed request (PROTOCOL.md §13.2): absent means DEFAULT_FEED_LIMIT; anything but 1 to MAX is refused. */
function feedLimit(text: string | null): number {
  if (text === null) return DEFAULT_FEED_LIMIT;
  const limit = /^[1-9][0-9]{0,3}$/.test(text) ? Number(text) : NaN;
  if (!(limit <= MAX_FEED_LIMIT))
    throw new InputException('limit', `must be a whole number from 1 to ${MAX_FEED_LIMIT}`);
  return limit;
}

const pushSchema = wireValidator('watchlist-push');
const pageSchema = wireValidator('watchlist-feed-page');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
