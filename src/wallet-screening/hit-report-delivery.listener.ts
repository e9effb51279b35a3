import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../common/database/transaction-context.js';
import {
  DeliveryOutcomes,
  type DeliveryOutcomeListener,
  type DeliverySubject,
} from '../federation/delivery-outcomes.js';

/** Follows each HIT_REPORT packet's delivery on the hits it carries; ignores every other packet. */
@Injectable()
export class HitReportDeliveryListener implements DeliveryOutcomeListener {
  constructor(
    private readonly tx: TransactionContext,
    outcomes: DeliveryOutcomes,
  ) {
    outcomes.register(this);
  }

  private async set(packetId: string, report: string, from: string[]): Promise<number> {
    const [row] = (await this.tx.manager.query(
      `WITH up AS (UPDATE wallet_hit SET report = $2 WHERE packet_id = $1 AND report = ANY($3::text[]) RETURNING 1)
       SELECT count(*)::int AS n FROM up`,
      [packetId, report, from],
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  async subjectOf(packetId: string): Promise<DeliverySubject | null> {
    const [row] = (await this.tx.manager.query('SELECT 1 FROM wallet_hit WHERE packet_id = $1 LIMIT 1', [
      packetId,
    ])) as unknown[];
    return row ? { type: 'HIT_REPORT', id: packetId } : null;
  }

  async markSent(packetId: string): Promise<boolean> {
    return (await this.set(packetId, 'SENT', ['QUEUED'])) > 0;
  }

  async markDelivered(packetId: string): Promise<void> {
    await this.set(packetId, 'DELIVERED', ['QUEUED', 'SENT', 'FAILED']);
  }

  async markFailed(packetId: string): Promise<void> {
    await this.set(packetId, 'FAILED', ['QUEUED', 'SENT']);
  }

  async markRequeued(packetId: string): Promise<void> {
    await this.set(packetId, 'QUEUED', ['FAILED']);
  }
}
