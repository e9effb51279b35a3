import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { TransactionContext } from '../common/database/transaction-context.js';
import type { OffenceCategory } from '../kernel/vocabulary/index.js';

/** A live watchlist entry that lists a screened wallet. */
export interface WatchlistMatch {
  origin: string;
  entryId: string;
  offenceCategory: OffenceCategory;
  severity: string;
  caseReference: string | null;
}

interface MatchRow {
  i?: string;
  origin: string;
  entry_id: string;
  offence_category: OffenceCategory;
  severity: string;
  case_reference: string | null;
}

// Both are index lookups on watchlist_entry (identifier_type, value) with the live-entry filter; the
// batch keeps each key an index probe through LATERAL (a join of 10,000 keys is planned as a scan).
const ONE_SQL = `SELECT origin, entry_id, offence_category, severity, case_reference FROM watchlist_entry
  WHERE identifier_type = $1 AND value = $2 AND NOT revoked AND valid_until > $3`;
const MANY_SQL = `SELECT q.i, w.origin, w.entry_id, w.offence_category, w.severity, w.case_reference
  FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(type, value, i)
  CROSS JOIN LATERAL (SELECT origin, entry_id, offence_category, severity, case_reference FROM watchlist_entry w
    WHERE w.identifier_type = q.type AND w.value = q.value AND NOT w.revoked AND w.valid_until > $3 OFFSET 0) w`;

const matchOf = (row: MatchRow): WatchlistMatch => ({
  origin: row.origin,
  entryId: row.entry_id,
  offenceCategory: row.offence_category,
  severity: row.severity,
  caseReference: row.case_reference,
});

/**
 * The screening endpoint's reads, on a pool of its own (named prepared statements, planned once per
 * connection): a flood of screening requests waits for these connections, never for the officers'.
 */
@Injectable()
export class WalletLookup implements OnApplicationShutdown {
  private pool?: pg.Pool;

  constructor(private readonly tx: TransactionContext) {}

  private connections(): pg.Pool {
    this.pool ??= new pg.Pool({
      connectionString: (this.tx.dataSource.options as { url?: string }).url,
      max: 8,
      application_name: 'fed-node-screening',
    });
    return this.pool;
  }

  async one(type: string, value: string, now: Date): Promise<WatchlistMatch[]> {
    const { rows } = await this.connections().query<MatchRow>({
      name: 'wallet-screen-one',
      text: ONE_SQL,
      values: [type, value, now],
    });
    return rows.map(matchOf);
  }

  /** Matches by index into `keys` (0-based). */
  async many(keys: { type: string; value: string }[], now: Date): Promise<Map<number, WatchlistMatch[]>> {
    const { rows } = await this.connections().query<MatchRow>({
      name: 'wallet-screen-many',
      text: MANY_SQL,
      values: [keys.map((k) => k.type), keys.map((k) => k.value), now],
    });
    const matches = new Map<number, WatchlistMatch[]>();
    for (const row of rows) {
      const index = Number(row.i) - 1;
      const list = matches.get(index);
      if (list) list.push(matchOf(row));
      else matches.set(index, [matchOf(row)]);
    }
    return matches;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.end();
  }
}
