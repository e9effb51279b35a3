import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { TransactionContext } from '../common/database/transaction-context.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { METRIC_PREFIX, MetricsService } from '../metrics/metrics.service.js';

/** Watchlist sync gauges read from the feed and the sync cursors at scrape time (replicas agree). */
@Injectable()
export class WatchlistSyncMetricsCollector implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly tx: TransactionContext,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  onModuleInit(): void {
    this.metrics.registerGauge({
      name: `${METRIC_PREFIX}watchlist_sync_lag_changes`,
      help: 'Changes of our watchlist feed not yet pushed to and acknowledged by each peer',
      labelNames: ['peer'],
      collect: async () => {
        const rows = (await this.tx.manager.query(
          `SELECT p.peer_id, greatest(h.head - coalesce(c.cursor, 0), 0)::float8 AS lag
             FROM unnest($1::text[]) AS p(peer_id)
             CROSS JOIN (SELECT coalesce(max(change_seq), 0) AS head FROM watchlist_entry) h
             LEFT JOIN watchlist_sync_cursor c ON c.peer_id = p.peer_id AND c.direction = 'PUSH'`,
          [this.peerIds()],
        )) as { peer_id: string; lag: number }[];
        return rows.map((row) => ({ labels: { peer: row.peer_id }, value: row.lag }));
      },
    });
    this.metrics.registerGauge({
      name: `${METRIC_PREFIX}watchlist_sync_last_success_age_seconds`,
      help: 'Seconds since the last successful watchlist push to (PUSH) or pull from (PULL) each peer; absent until one succeeds',
      labelNames: ['peer', 'direction'],
      collect: async () => {
        const rows = (await this.tx.manager.query(
          `SELECT peer_id, direction, extract(epoch FROM now() - last_success_at)::float8 AS age
             FROM watchlist_sync_cursor WHERE last_success_at IS NOT NULL AND peer_id = ANY($1::text[])`,
          [this.peerIds()],
        )) as { peer_id: string; direction: string; age: number }[];
        return rows.map((row) => ({
          labels: { peer: row.peer_id, direction: row.direction },
          value: Math.max(0, row.age),
        }));
      },
    });
  }

  private peerIds(): string[] {
    return this.config.peers.map((peer) => peer.id);
  }
}
