import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import type { DeliveryStatus } from '../federation/entities/delivery.entity.js';
import { METRIC_PREFIX, MetricsService } from './metrics.service.js';

const DELIVERY_STATES: readonly DeliveryStatus[] = ['QUEUED', 'DELIVERED', 'REJECTED', 'DEAD'];

/**
 * Gauges read from the node's tables at scrape time, so every replica of a node reports the same,
 * durable numbers (a replica that restarts loses nothing).
 */
@Injectable()
export class DatabaseMetricsCollector implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  onModuleInit(): void {
    this.metrics.registerGauge({
      name: `${METRIC_PREFIX}deliveries`,
      help: 'Outbound packet deliveries by state (QUEUED, DELIVERED, REJECTED, DEAD)',
      labelNames: ['state'],
      collect: async () => {
        const rows = (await this.db.query('SELECT status, count(*)::int AS n FROM delivery GROUP BY status')) as { status: string; n: number }[];
        const counts = new Map(rows.map((row) => [row.status, row.n]));
        return DELIVERY_STATES.map((state) => ({ labels: { state }, value: counts.get(state) ?? 0 }));
      },
    });
    this.metrics.registerGauge({
      name: `${METRIC_PREFIX}delivery_queue_depth`,
      help: 'Deliveries waiting for their next attempt, by partner',
      labelNames: ['partner'],
      collect: async () => (await this.queue()).map((row) => ({ labels: { partner: row.partner }, value: row.depth })),
    });
    this.metrics.registerGauge({
      name: `${METRIC_PREFIX}delivery_queue_oldest_age_seconds`,
      help: 'Age of the oldest delivery still waiting, by partner (0 when none waits)',
      labelNames: ['partner'],
      collect: async () => (await this.queue()).map((row) => ({ labels: { partner: row.partner }, value: row.oldestAge })),
    });
    this.metrics.registerGauge({
      name: `${METRIC_PREFIX}watchlist_sync_lag_changes`,
      help: 'Changes of our watchlist feed not yet pushed to and acknowledged by each peer',
      labelNames: ['peer'],
      collect: async () => {
        const rows = (await this.db.query(
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
        const rows = (await this.db.query(
          `SELECT peer_id, direction, extract(epoch FROM now() - last_success_at)::float8 AS age
             FROM watchlist_sync_cursor WHERE last_success_at IS NOT NULL AND peer_id = ANY($1::text[])`,
          [this.peerIds()],
        )) as { peer_id: string; direction: string; age: number }[];
        return rows.map((row) => ({ labels: { peer: row.peer_id, direction: row.direction }, value: Math.max(0, row.age) }));
      },
    });
  }

  private peerIds(): string[] {
    return this.config.peers.map((peer) => peer.id);
  }

  /** Waiting deliveries for every configured partner (zero rows included, so a drained queue reads 0). */
  private async queue(): Promise<{ partner: string; depth: number; oldestAge: number }[]> {
    const rows = (await this.db.query(
      `SELECT p.partner, count(d.packet_id)::int AS depth,
              coalesce(extract(epoch FROM now() - min(d.created_at)), 0)::float8 AS oldest_age
         FROM (SELECT unnest($1::text[]) AS partner UNION SELECT partner_id FROM delivery WHERE status = 'QUEUED') p
         LEFT JOIN delivery d ON d.partner_id = p.partner AND d.status = 'QUEUED'
        GROUP BY p.partner`,
      [this.peerIds()],
    )) as { partner: string; depth: number; oldest_age: number }[];
    return rows.map((row) => ({ partner: row.partner, depth: row.depth, oldestAge: Math.max(0, row.oldest_age) }));
  }
}
