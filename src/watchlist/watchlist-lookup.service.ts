import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import type { IdentifierType } from '../kernel/vocabulary/index.js';

/** Reads of the watchlist other modules need (hit-check's published set, TAXII's added dates). */
@Injectable()
export class WatchlistLookupService {
  constructor(
    private readonly tx: TransactionContext,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Our own live entries in these categories, by entry id after `after` (keyset paging). */
  async ownLiveEntries(
    categories: readonly string[],
    after: string | null,
    limit: number,
  ): Promise<{ entryId: string; identifierType: IdentifierType; value: string }[]> {
    const rows = (await this.tx.manager.query(
      `SELECT entry_id, identifier_type, value FROM watchlist_entry
        WHERE origin = $1 AND NOT revoked AND valid_until >= $2 AND offence_category = ANY($3::text[])
          AND ($4::uuid IS NULL OR entry_id > $4::uuid)
        ORDER BY entry_id LIMIT $5`,
      [this.config.id, this.clock.now(), categories, after, limit],
    )) as { entry_id: string; identifier_type: IdentifierType; value: string }[];
    return rows.map((row) => ({ entryId: row.entry_id, identifierType: row.identifier_type, value: row.value }));
  }

  /** The last change sequence stored at or before `time` (stored_at follows the sequence, see watchlist.store.ts). */
  async lastSeqStoredBy(time: string): Promise<string> {
    const [row] = (await this.tx.manager.query(
      'SELECT change_seq::text AS seq FROM watchlist_entry WHERE stored_at <= $1::timestamptz ORDER BY change_seq DESC LIMIT 1',
      [time],
    )) as { seq: string }[];
    return row?.seq ?? '0';
  }

  /** When each change was stored, in microseconds as stored (a client's next added_after repeats as little as possible). */
  async storedAt(seqs: string[]): Promise<Map<string, string>> {
    if (seqs.length === 0) return new Map();
    const rows = (await this.tx.manager.query(
      `SELECT change_seq::text AS seq, to_char(stored_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS added
       FROM watchlist_entry WHERE change_seq = ANY($1::bigint[])`,
      [seqs],
    )) as { seq: string; added: string }[];
    return new Map(rows.map((row) => [row.seq, row.added]));
  }
}
