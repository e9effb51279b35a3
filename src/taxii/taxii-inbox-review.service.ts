import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { InputException } from '../common/errors/input.exception.js';
import { LOGGER } from '../config/config.module.js';
import { entryFieldsFromInput, reasonSchema } from '../watchlist/watchlist-input.js';
import { WatchlistService } from '../watchlist/watchlist.service.js';
import { TaxiiInboxItem, type InboxItemState } from './entities/taxii-inbox-item.entity.js';
import { TaxiiStatus } from './entities/taxii-status.entity.js';
import { TaxiiException, TaxiiExceptionCode } from './taxii.exception.js';
import { TransactionContext } from '../common/database/transaction-context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_INBOX_LIST = 500;

/** An inbox object with the request it came in (who posted it, when). */
export interface InboxItemView {
  item: TaxiiInboxItem;
  publisher: string;
  receivedAt: string;
}

/**
 * Under taxii.inboxApproval LIAISON_OFFICER, what the agency's tools publish waits here until a
 * liaison officer approves it (it becomes a watchlist entry, signed by this node, written by that
 * officer) or rejects it (the status resource then says why). Both decisions are audited.
 */
@Injectable()
export class TaxiiInboxReviewService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly watchlist: WatchlistService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async list(state: InboxItemState, first: number): Promise<InboxItemView[]> {
    const take = Math.min(Math.max(Math.trunc(first), 1), MAX_INBOX_LIST);
    const rows = await this.tx.manager
      .getRepository(TaxiiInboxItem)
      .createQueryBuilder('item')
      .innerJoin(TaxiiStatus, 'status', 'status.id = item.status_id')
      .addSelect(['status.username', 'status.requestTimestamp'])
      .where('item.state = :state', { state })
      .andWhere('item.entry IS NOT NULL')
      .orderBy('status.requestTimestamp', 'ASC')
      .addOrderBy('item.position', 'ASC')
      .limit(take)
      .getRawAndEntities();
    return rows.entities.map((item, index) => ({
      item,
      publisher: rows.raw[index].status_username as string,
      receivedAt: rows.raw[index].status_request_timestamp as string,
    }));
  }

  async approve(id: string, officer: AuthenticatedOfficer): Promise<InboxItemView> {
    const pending = await this.pending(id);
    const change = pending.entry as NonNullable<TaxiiInboxItem['entry']>;
    try {
      entryFieldsFromInput(change, this.clock.now());
    } catch (error) {
      // It expired (or outlived the ten-year limit) while it waited: refused, with the reason.
      if (!(error instanceof InputException)) throw error;
      return this.decide(id, officer, 'FAILURE', `not a valid watchlist entry any more: ${error.message}`, null);
    }
    const decided = await this.tx.run(async () => {
      const written = await this.watchlist.addMany([change], officer);
      const entryId = written.rows[0]?.entryId ?? written.listed[0]?.entryId;
      const message = written.rows[0]
        ? `watchlist entry ${entryId}, approved by ${officer.username}`
        : `already on the watchlist (entry ${entryId})`;
      return this.record(id, officer, 'SUCCESS', message, entryId ?? null);
    });
    this.logger.info({ event: 'taxii.inbox_approved', itemId: id, by: officer.username }, `inbox item ${id} approved`);
    return this.view(decided);
  }

  async reject(id: string, reason: string, officer: AuthenticatedOfficer): Promise<InboxItemView> {
    const parsed = reasonSchema.safeParse(reason);
    if (!parsed.success) throw new InputException('reason', parsed.error.issues[0].message);
    const view = await this.decide(id, officer, 'FAILURE', `rejected by ${officer.username}: ${parsed.data}`, null);
    this.logger.info({ event: 'taxii.inbox_rejected', itemId: id, by: officer.username }, `inbox item ${id} rejected`);
    return view;
  }

  private decide(
    id: string,
    officer: AuthenticatedOfficer,
    state: InboxItemState,
    message: string,
    entryId: string | null,
  ): Promise<InboxItemView> {
    return this.tx.run(async () => this.view(await this.record(id, officer, state, message, entryId)));
  }

  /** Locks the item, checks it still waits, stores the decision and audits it, in the caller's transaction. */
  private async record(
    id: string,
    officer: AuthenticatedOfficer,
    state: InboxItemState,
    message: string,
    entryId: string | null,
  ): Promise<TaxiiInboxItem> {
    const item = await this.pending(id, true);
    Object.assign(item, { state, message, entryId, decidedBy: officer.username, decidedAt: this.clock.now() });
    await this.tx.manager.save(TaxiiInboxItem, item);
    await this.audit.record({
      type: state === 'SUCCESS' ? AuditEventType.TAXII_INBOX_APPROVED : AuditEventType.TAXII_INBOX_REJECTED,
      actor: officer.username,
      subjectType: 'TAXII_INBOX_ITEM',
      subjectId: id,
      details: { statusId: item.statusId, objectId: item.objectId, entryId },
    });
    return item;
  }

  private async pending(id: string, lock = false): Promise<TaxiiInboxItem> {
    const item = UUID.test(id)
      ? await this.tx.manager.findOne(TaxiiInboxItem, {
          where: { id: id.toLowerCase() },
          ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (!item) throw new TaxiiException(`No inbox item ${id}`, TaxiiExceptionCode.INBOX_ITEM_NOT_FOUND);
    if (item.state !== 'PENDING')
      throw new TaxiiException(
        `inbox item ${id} was already decided (${item.state}${item.decidedBy ? ` by ${item.decidedBy}` : ''})`,
        TaxiiExceptionCode.INBOX_ITEM_DECIDED,
      );
    return item;
  }

  private async view(item: TaxiiInboxItem): Promise<InboxItemView> {
    const status = (await this.tx.manager.findOneBy(TaxiiStatus, { id: item.statusId })) as TaxiiStatus;
    return { item, publisher: status.username, receivedAt: status.requestTimestamp };
  }
}
