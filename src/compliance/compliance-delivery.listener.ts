import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionContext } from '../common/database/transaction-context.js';
import {
  DeliveryOutcomes,
  type DeliveryOutcomeListener,
  type DeliverySubject,
} from '../federation/delivery-outcomes.js';
import { ComplianceAnswer } from './entities/compliance-answer.entity.js';

/** Moves an approved answer along as federation delivers its packet; ignores every other packet. */
@Injectable()
export class ComplianceDeliveryListener implements DeliveryOutcomeListener {
  constructor(
    private readonly tx: TransactionContext,
    outcomes: DeliveryOutcomes,
  ) {
    outcomes.register(this);
  }

  private get answers() {
    return this.tx.manager.getRepository(ComplianceAnswer);
  }

  async subjectOf(packetId: string): Promise<DeliverySubject | null> {
    const row = await this.answers.findOne({ select: { id: true }, where: { packetId } });
    return row ? { type: 'COMPLIANCE_ANSWER', id: row.id } : null;
  }

  async markSent(packetId: string, at: Date): Promise<boolean> {
    const result = await this.answers.update({ packetId, status: 'APPROVED' }, { status: 'SENT', sentAt: at });
    return (result.affected ?? 0) > 0;
  }

  async markDelivered(packetId: string, at: Date): Promise<void> {
    await this.answers.update(
      { packetId, status: In(['APPROVED', 'SENT', 'FAILED']) },
      { status: 'DELIVERED', deliveredAt: at },
    );
  }

  async markFailed(packetId: string, error: string): Promise<void> {
    await this.answers.update({ packetId }, { status: 'FAILED', lastError: error.slice(0, 2000) });
  }

  async markRequeued(packetId: string): Promise<void> {
    await this.answers.update({ packetId, status: 'FAILED' }, { status: 'APPROVED', lastError: null });
  }
}
