import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { TransactionContext } from '../common/database/transaction-context.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { METRIC_PREFIX, MetricsService } from '../metrics/metrics.service.js';
import type { DeliveryStatus } from './entities/delivery.entity.js';

const DELIVERY_STATES: readonly DeliveryStatus[] = ['QUEUED', 'DELIVERED', 'REJECTED', 'DEAD'];

/**
 * Delivery gauges read from the `delivery` table at scrape time, so every replica of a node reports
 * the same, durable numbers (a replica that restarts loses nothing).
 */
@Injectable()
export class DeliveryMetricsCollector implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly tx: TransactionContext,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
  ) {}

  onModuleInit(): void {
    this.metrics.registerGauge({
      name: `${METRIC_PREFIX}deliveries`,
      help: 'Outbound packet deliveries by state (QUEUED, DELIVERED, REJECTED, DEAD)',
      labelNames: ['state'],
      collect: async () => {
        const rows = (await this.tx.manager.query(
          'SELECT status, count(*)::int AS n FROM delivery GROUP BY status',
        )) as { status: string; n: number }[];
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
      collect: async () =>
        (await this.queue()).map((row) => ({ labels: { partner: row.partner }, value: row.oldestAge })),
    });
  }

  /** Waiting deliveries for every configured partner (zero rows included, so a drained queue reads 0). */
  private async queue(): Promise<{ partner: string; depth: number; oldestAge: number }[]> {
    const rows = (await this.tx.manager.query(
      `SELECT p.partner, count(d.packet_id)::int AS depth,
              coalesce(extract(epoch FROM now() - min(d.created_at)), 0)::float8 AS oldest_age
         FROM (SELECT unnest($1::text[]) AS partner UNION SELECT partner_id FROM delivery WHERE status = 'QUEUED') p
         LEFT JOIN delivery d ON d.partner_id = p.partner AND d.status = 'QUEUED'
        GROUP BY p.partner`,
      [this.config.peers.map((peer) => peer.id)],
    )) as { partner: string; depth: number; oldest_age: number }[];
    return rows.map((row) => ({ partner: row.partner, depth: row.depth, oldestAge: Math.max(0, row.oldest_age) }));
  }
}
