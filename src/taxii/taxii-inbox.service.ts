import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { nodeExtensionsIn } from '../stix/stix-extensions.js';
import { StixSchemas } from '../stix/stix-schemas.js';
import type { StixObject } from '../stix/stix-vocabulary.js';
import { WatchlistService, type AddedEntries } from '../watchlist/watchlist.service.js';
import type { TaxiiAccount } from './entities/taxii-account.entity.js';
import type { TaxiiCollection } from './entities/taxii-collection.entity.js';
import { TaxiiInboxItem } from './entities/taxii-inbox-item.entity.js';
import { TaxiiStatus } from './entities/taxii-status.entity.js';
import { decideInbox, type InboxObject } from './taxii-inbox.js';
import { taxiiTimestamp, TaxiiRequestError } from './taxii-paging.js';
import { statusResource } from './taxii-status.js';
import { TransactionContext } from '../common/database/transaction-context.js';

/** More objects than one Add Objects request may carry. */
export const MAX_INBOX_OBJECTS = 10_000;

/** The agency's tool as the author of what it publishes (watchlist changed_by, audit actor). */
export function publisherActor(account: TaxiiAccount): AuthenticatedOfficer {
  return { id: '00000000-0000-0000-0000-000000000000', username: `taxii:${account.username}`, roles: [] };
}

/**
 * The inbox collection (TAXII 2.1 §5.5 Add Objects, §4.3 Get Status): indicators and identifier
 * observables the agency's own MISP or OpenCTI publishes become this node's watchlist entries (signed
 * and fed to partners like any other), at once or after a liaison officer approves them
 * (taxii.inboxApproval). Each request is audited with what became of every object.
 */
@Injectable()
export class TaxiiInboxService {
  constructor(
    private readonly tx: TransactionContext,

    private readonly schemas: StixSchemas,
    private readonly watchlist: WatchlistService,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private get statuses() {
    return this.tx.manager.getRepository(TaxiiStatus);
  }

  private get items() {
    return this.tx.manager.getRepository(TaxiiInboxItem);
  }

  /** Takes one envelope; answers the status resource (202). */
  async add(account: TaxiiAccount, collection: TaxiiCollection, envelope: unknown): Promise<object> {
    const objects = envelopeObjects(envelope);
    const now = this.clock.now();
    const requestTimestamp = taxiiTimestamp(now);
    const decided = decideInbox(objects, this.schemas, nodeExtensionsIn(objects.filter(isStixObject)), {
      account: account.username,
      offenceCategories: this.config.taxii.inboxOffenceCategories,
      defaultOffenceCategory: this.config.taxii.inboxDefaultOffenceCategory,
      now,
      requestTimestamp,
    });
    const status: TaxiiStatus = {
      id: randomUUID(),
      username: account.username,
      collectionId: collection.id,
      requestTimestamp,
      totalCount: objects.length,
    };
    const automatic = this.config.taxii.inboxApproval === 'AUTOMATIC';
    if (!automatic) await this.skipListed(decided);
    const entries = decided.flatMap((o, position) =>
      o.decision.kind === 'entry' ? [{ position, change: o.decision.change }] : [],
    );
    // One transaction: the entries, the status resource and its audit entry commit together.
    const items = await this.tx.run(async () => {
      const written: AddedEntries | undefined =
        automatic && entries.length > 0
          ? await this.watchlist.addMany(
              entries.map((entry) => entry.change),
              publisherActor(account),
            )
          : undefined;
      const items = itemsOf(status.id, decided, entries, written);
      await this.tx.manager.insert(TaxiiStatus, status);
      await this.tx.manager.insert(TaxiiInboxItem, items);
      await this.audit.record({
        type: AuditEventType.TAXII_OBJECTS_ADDED,
        actor: publisherActor(account).username,
        subjectType: 'TAXII_STATUS',
        subjectId: status.id,
        details: {
          collectionId: collection.id,
          approval: this.config.taxii.inboxApproval,
          ...counts(items),
          entries: items.flatMap((item) => (item.entryId ? [item.entryId] : [])),
        },
      });
      return items;
    });
    this.logger.info(
      { event: 'taxii.objects_added', statusId: status.id, account: account.username, ...counts(items) },
      `TAXII inbox: ${objects.length} objects from ${account.username}`,
    );
    return statusResource(status, items);
  }

  /**
   * Under officer approval, an object whose identifier is already live on our watchlist needs no
   * decision: it is a success naming the entry (a re-published duplicate is never an error, §5.5).
   */
  private async skipListed(decided: InboxObject[]): Promise<void> {
    for (const object of decided) {
      if (object.decision.kind !== 'entry') continue;
      const { identifierType, value } = object.decision.change;
      const listed = await this.watchlist.list({ identifierType, value, origin: this.config.id }, 1);
      const entry = listed.entries[0];
      if (entry) object.decision = { kind: 'context', message: `already on the watchlist (entry ${entry.entryId})` };
    }
  }

  /** The status of a request, for the account that made it only (anyone else: 404, §4.3). */
  async status(account: TaxiiAccount, id: string): Promise<object> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id);
    const status = uuid ? await this.statuses.findOneBy({ id: id.toLowerCase(), username: account.username }) : null;
    if (!status) throw new TaxiiRequestError(404, 'Status not found', `no status ${id} for ${account.username}`);
    return statusResource(status, await this.items.findBy({ statusId: status.id }));
  }
}

function isStixObject(value: unknown): value is StixObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects of a TAXII envelope (§3.7), or 422: the body is not one the server can process (§5.5). */
function envelopeObjects(envelope: unknown): unknown[] {
  const objects = isStixObject(envelope) ? envelope.objects : undefined;
  if (!Array.isArray(objects))
    throw new TaxiiRequestError(422, 'Unprocessable envelope', 'send a TAXII envelope: {"objects": [STIX objects]}');
  if (objects.length === 0) throw new TaxiiRequestError(422, 'Unprocessable envelope', 'the envelope holds no objects');
  if (objects.length > MAX_INBOX_OBJECTS)
    throw new TaxiiRequestError(
      422,
      'Unprocessable envelope',
      `at most ${MAX_INBOX_OBJECTS} objects per request; this one has ${objects.length}`,
    );
  return objects;
}

function itemsOf(
  statusId: string,
  decided: InboxObject[],
  entries: { position: number }[],
  written?: AddedEntries,
): TaxiiInboxItem[] {
  const listed = new Map((written?.listed ?? []).map((l) => [entries[l.index].position, l.entryId]));
  const rows = written ? [...written.rows] : [];
  return decided.map((o, position) => {
    const item: TaxiiInboxItem = {
      id: randomUUID(),
      statusId,
      position,
      objectId: o.id,
      objectVersion: o.version,
      state: 'SUCCESS',
      message: null,
      entry: null,
      entryId: null,
      decidedBy: null,
      decidedAt: null,
    };
    const { decision } = o;
    if (decision.kind === 'refused') return { ...item, state: 'FAILURE', message: decision.message };
    if (decision.kind === 'context') return { ...item, message: decision.message };
    if (!written) return { ...item, state: 'PENDING', entry: decision.change, message: 'awaiting a liaison officer' };
    const existing = listed.get(position);
    if (existing) return { ...item, entry: decision.change, message: `already on the watchlist (entry ${existing})` };
    const row = rows.shift();
    return {
      ...item,
      entry: decision.change,
      entryId: row?.entryId ?? null,
      message: `watchlist entry ${row?.entryId}`,
    };
  });
}

export function counts(items: readonly Pick<TaxiiInboxItem, 'state'>[]) {
  const of = (state: TaxiiInboxItem['state']) => items.filter((item) => item.state === state).length;
  return { total: items.length, success: of('SUCCESS'), failure: of('FAILURE'), pending: of('PENDING') };
}
