import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { InputException } from '../common/errors/input.exception.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { AUDIT_SIGNING_IDENTITY, type AuditSigningIdentity } from './audit-signing-identity.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { verifyAuditChain, type AuditVerification } from './audit-verification.js';
import type { AuditEventType } from './audit-event-type.js';
import { AuditEntry } from './entities/audit-entry.entity.js';
import { TransactionContext } from '../common/database/transaction-context.js';

export interface AuditLogFilter {
  types?: AuditEventType[] | null;
  actor?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

export const MAX_AUDIT_PAGE = 500;

/** Reads the audit trail for auditors (newest first, keyset-paged on the sequence number) and verifies it. */
@Injectable()
export class AuditLogService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionContext,
    @Inject(AUDIT_SIGNING_IDENTITY) private readonly identity: AuditSigningIdentity,
    private readonly metrics: MetricsService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private get entries() {
    return this.tx.manager.getRepository(AuditEntry);
  }

  onModuleInit(): void {
    // Read at scrape time from the table, so every replica reports the same age (no sample: NaN).
    this.metrics.registerGauge({
      name: 'fednode_audit_checkpoint_age_seconds',
      help: 'Seconds since the newest signed audit checkpoint',
      collect: async () => {
        const [row] = (await this.tx.manager.query(
          "SELECT max(occurred_at) AS at FROM audit_entry WHERE type = 'AUDIT_CHECKPOINT'",
        )) as { at: Date | null }[];
        return row?.at
          ? [{ value: Math.max(0, (this.clock.now().getTime() - new Date(row.at).getTime()) / 1000) }]
          : [];
      },
    });
  }

  verify(): Promise<AuditVerification> {
    return verifyAuditChain(this.tx.dataSource, this.config, this.identity.trustAnchorsPem());
  }

  async page(
    filter: AuditLogFilter,
    first: number,
    after: string | null,
  ): Promise<{ entries: AuditEntry[]; endCursor: string | null; hasMore: boolean }> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_AUDIT_PAGE)
      throw new InputException('first', `must be between 1 and ${MAX_AUDIT_PAGE}`);
    if (after !== null && !/^[1-9][0-9]{0,17}$/.test(after))
      throw new InputException('after', 'must be the endCursor of a previous page');
    if (filter.from && filter.to && filter.from >= filter.to)
      throw new InputException('filter.to', 'must be after filter.from');
    const query = this.entries
      .createQueryBuilder('e')
      .orderBy('e.seq', 'DESC')
      .take(first + 1);
    if (after !== null) query.andWhere('e.seq < :after', { after });
    if (filter.types?.length) query.andWhere('e.type IN (:...types)', { types: filter.types });
    if (filter.actor) query.andWhere('e.actor = :actor', { actor: filter.actor });
    if (filter.subjectType) query.andWhere('e.subject_type = :subjectType', { subjectType: filter.subjectType });
    if (filter.subjectId) query.andWhere('e.subject_id = :subjectId', { subjectId: filter.subjectId });
    if (filter.from) query.andWhere('e.occurred_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('e.occurred_at < :to', { to: filter.to });
    const rows = await query.getMany();
    const entries = rows.slice(0, first);
    return { entries, endCursor: entries.at(-1)?.seq ?? null, hasMore: rows.length > first };
  }
}
