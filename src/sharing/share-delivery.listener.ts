import { Injectable } from '@nestjs/common';
import { TransactionContext } from '../common/database/transaction-context.js';
import {
  DeliveryOutcomes,
  type DeliveryOutcomeListener,
  type DeliverySubject,
} from '../federation/delivery-outcomes.js';
import { ReplyThreads } from '../inbound/reply-threads.js';
import { ShareRequest } from './entities/share-request.entity.js';
import { ShareStatus } from './share-status.js';

/**
 * Moves a share request along as federation delivers its packet (SENT, DELIVERED, FAILED), and tells
 * inbound which case a partner's reply to that packet belongs to. The only writer of share_request
 * besides ShareRequestService.
 */
@Injectable()
export class ShareDeliveryListener implements DeliveryOutcomeListener {
  constructor(
    private readonly tx: TransactionContext,
    outcomes: DeliveryOutcomes,
    threads: ReplyThreads,
  ) {
    outcomes.register(this);
    threads.register(async (packetId) => (await this.requests.findOneBy({ packetId }))?.caseId ?? null);
  }

  private get requests() {
    return this.tx.manager.getRepository(ShareRequest);
  }

  async subjectOf(packetId: string): Promise<DeliverySubject | null> {
    const row = await this.requests.findOne({ select: { id: true }, where: { packetId } });
    return row ? { type: 'SHARE_REQUEST', id: row.id } : null;
  }

  async markSent(packetId: string, at: Date): Promise<boolean> {
    const result = await this.requests.update(
      { packetId, status: ShareStatus.APPROVED },
      { status: ShareStatus.SENT, sentAt: at },
    );
    return (result.affected ?? 0) > 0;
  }

  async markDelivered(packetId: string, at: Date): Promise<void> {
    await this.requests.update({ packetId }, { status: ShareStatus.DELIVERED, deliveredAt: at });
  }

  async markFailed(packetId: string, error: string): Promise<void> {
    await this.requests.update({ packetId }, { status: ShareStatus.FAILED, lastError: error });
  }

  async markRequeued(packetId: string): Promise<void> {
    await this.requests.update(
      { packetId, status: ShareStatus.FAILED },
      { status: ShareStatus.APPROVED, lastError: null },
    );
  }
}
