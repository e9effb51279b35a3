import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionContext } from '../common/database/transaction-context.js';
import { ShareRequest } from './entities/share-request.entity.js';
import type { ShareRequestView } from './share-request.service.js';
import { ShareStatus } from './share-status.js';

/** Every state a share reaches only after a liaison officer approved it and the node sealed it. */
export const SENT_STATUSES = [ShareStatus.APPROVED, ShareStatus.SENT, ShareStatus.DELIVERED, ShareStatus.FAILED];

/** What left this node (or was sealed to leave), for auditors: the sealed preview with who asked and who approved. */
@Injectable()
export class SentSharesService {
  constructor(private readonly tx: TransactionContext) {}

  private get requests() {
    return this.tx.manager.getRepository(ShareRequest);
  }

  async list(partnerId: string | undefined, first: number): Promise<ShareRequestView[]> {
    const rows = await this.requests.find({
      where: { status: In(SENT_STATUSES), ...(partnerId ? { partnerId } : {}) },
      order: { decidedAt: 'DESC', requestedAt: 'DESC' },
      take: Math.min(Math.max(first, 1), 500),
    });
    // The reference is the one the sealed payload carries: exactly what the partner was told.
    return rows.map((request) => ({ request, caseReference: request.preview?.reference ?? '', stale: false }));
  }
}
