import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { TransactionContext } from '../common/database/transaction-context.js';
import { ComplianceException, ComplianceExceptionCode } from './compliance.exception.js';
import { ComplianceAnswer } from './entities/compliance-answer.entity.js';
import { ComplianceOrderDocument } from './entities/compliance-order-document.entity.js';
import { ComplianceRequest, type ComplianceRequestStatus } from './entities/compliance-request.entity.js';

const SENT_STATUSES = ['APPROVED', 'SENT', 'DELIVERED'] as const;

/** The compliance desk's queue: requests ordered by deadline (open ones first), their answers and orders. */
@Injectable()
export class ComplianceQueueService {
  constructor(private readonly tx: TransactionContext) {}

  private get requests() {
    return this.tx.manager.getRepository(ComplianceRequest);
  }

  async list(status: ComplianceRequestStatus | undefined, first: number): Promise<ComplianceRequest[]> {
    return this.requests
      .createQueryBuilder('r')
      .where(status ? 'r.status = :status' : 'true', { status })
      .orderBy(`CASE WHEN r.status = 'OPEN' THEN 0 ELSE 1 END`)
      .addOrderBy('r.deadline_at', 'ASC')
      .take(Math.min(Math.max(first, 1), 500))
      .getMany();
  }

  async get(id: string): Promise<ComplianceRequest> {
    const request = /^[0-9a-f-]{36}$/i.test(id) ? await this.requests.findOneBy({ id }) : null;
    if (!request) throw new ComplianceException(`No request ${id}`, ComplianceExceptionCode.REQUEST_NOT_FOUND);
    return request;
  }

  /** Every answer written to these requests, oldest first. */
  async answersOf(requestIds: string[]): Promise<ComplianceAnswer[]> {
    if (requestIds.length === 0) return [];
    return this.tx.manager
      .getRepository(ComplianceAnswer)
      .find({ where: { requestId: In(requestIds) }, order: { draftedAt: 'ASC' } });
  }

  async answers(status: string | undefined, first: number): Promise<ComplianceAnswer[]> {
    return this.tx.manager.getRepository(ComplianceAnswer).find({
      where: status ? { status: status as ComplianceAnswer['status'] } : {},
      order: { draftedAt: 'DESC' },
      take: Math.min(Math.max(first, 1), 500),
    });
  }

  /** The agency of each request. */
  async agenciesOf(requestIds: string[]): Promise<Map<string, string>> {
    if (requestIds.length === 0) return new Map();
    const rows = await this.requests.find({
      select: { id: true, agencyId: true },
      where: { id: In([...new Set(requestIds)]) },
    });
    return new Map(rows.map((row) => [row.id, row.agencyId]));
  }

  async order(id: string): Promise<{ request: ComplianceRequest; content: Buffer }> {
    const request = await this.get(id);
    const document = await this.tx.manager.getRepository(ComplianceOrderDocument).findOneBy({ requestId: id });
    if (!document)
      throw new ComplianceException(`Request ${id} has no order on file`, ComplianceExceptionCode.REQUEST_NOT_FOUND);
    return { request, content: document.content };
  }

  /** ANSWERED once every target's latest approved answer is substantive (not only ACKNOWLEDGED). */
  async markAnswered(requestId: string): Promise<void> {
    const request = await this.get(requestId);
    const latest = new Map<string, string>();
    for (const answer of await this.answersOf([requestId]))
      if ((SENT_STATUSES as readonly string[]).includes(answer.status))
        for (const target of answer.answers) latest.set(target.targetId, target.status);
    const answered = request.body.targets.every((t) => (latest.get(t.targetId) ?? 'ACKNOWLEDGED') !== 'ACKNOWLEDGED');
    if (answered && request.status !== 'ANSWERED')
      await this.requests.update({ id: requestId }, { status: 'ANSWERED' });
  }
}
