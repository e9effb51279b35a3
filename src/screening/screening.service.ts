import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { IdentifierType, OffenceCategory, Tlp } from '../kernel/vocabulary/index.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { InputException } from '../common/errors/input.exception.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { validateIdentifier } from '../identifiers/index.js';
import type { IdentifierValidation } from '../identifiers/index.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { Severity } from '../watchlist/watchlist-entry.js';
import { HitSource } from './dto/screening.types.js';
import {
  MAX_SCREENING_BATCH,
  distinctKeys,
  identifierKey,
  validateBatch,
  type ScreeningItem,
  type ScreeningKeys,
} from './screening-batch.js';
import { TransactionContext } from '../common/database/transaction-context.js';

export interface ScreeningHit {
  source: HitSource;
  sourceNode: string;
  caseId: string | null;
  caseReference: string | null;
  tlp: Tlp | null;
  watchlistEntryId: string | null;
  offenceCategory: OffenceCategory | null;
  severity: Severity | null;
  receivedPacketId: string | null;
}

export interface ScreeningResult extends ScreeningItem {
  hits: ScreeningHit[];
}

const EMPTY_HIT = {
  caseId: null,
  caseReference: null,
  tlp: null,
  watchlistEntryId: null,
  offenceCategory: null,
  severity: null,
  receivedPacketId: null,
} as const;

/**
 * Every hit for a batch of distinct keys in one statement. Each key probes the three sources through
 * a LATERAL UNION ALL, which the planner cannot flatten into a join: every key stays an index lookup
 * on the source's (type, value) index, where a plain join of 10,000 keys to a million watchlist rows
 * was planned as a sequential scan and hash join. Rows come sorted by source and then by each
 * source's own order, so grouping them per key keeps that order.
 */
const SCREEN_SQL = `
  SELECT q.type, q.value, h.source, h.id, h.case_reference, h.tlp, h.origin, h.offence_category, h.severity
    FROM unnest($1::text[], $2::text[]) AS q(type, value)
    CROSS JOIN LATERAL (
      SELECT 1 AS rank, 'LOCAL_CASE' AS source, c.id::text AS id, c.reference AS case_reference, c.tlp, NULL AS origin,
             NULL AS offence_category, NULL AS severity, c.reference AS sort_text, NULL::timestamptz AS sort_time
        FROM case_identifier ci JOIN intel_case c ON c.id = ci.case_id
       WHERE ci.type = q.type AND ci.value = q.value
      UNION ALL
      -- Live entries only: revoked and expired ones are history, not intelligence.
      SELECT 2, 'WATCHLIST', w.entry_id::text, w.case_reference, NULL, w.origin, w.offence_category, w.severity, w.origin, NULL
        FROM watchlist_entry w
       WHERE w.identifier_type = q.type AND w.value = q.value AND NOT w.revoked AND w.valid_until > $3
      UNION ALL
      -- What partners sent us and policy let in; packets past retention are as good as deleted.
      SELECT 3, 'PARTNER_DATA', p.id::text, p.case_reference, p.tlp, p.origin_node, NULL, NULL, NULL, p.received_at
        FROM received_identifier ri JOIN received_packet p ON p.id = ri.received_packet_id
       WHERE ri.type = q.type AND ri.value = q.value AND p.retention_until > $3
    ) h
   ORDER BY h.rank, h.sort_text, h.sort_time, h.id`;

interface HitRow {
  type: string;
  value: string;
  source: HitSource;
  id: string;
  case_reference: string | null;
  tlp: Tlp | null;
  origin: string | null;
  offence_category: OffenceCategory | null;
  severity: Severity | null;
}

@Injectable()
export class ScreeningService {
  constructor(
    private readonly tx: TransactionContext,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  validate(type: IdentifierType, value: string): IdentifierValidation {
    return validateIdentifier(type, value);
  }

  /**
   * Every hit for every identifier: one statement for the whole batch, never one per identifier.
   * It runs as a named prepared statement, so its plan is made once per connection rather than per
   * call (planning cost more than the lookups of a single identifier).
   */
  screen(inputs: readonly { type: IdentifierType; value: string }[]): Promise<ScreeningResult[]> {
    return this.metrics.time(this.metrics.screeningDuration, () => this.screenBatch(inputs));
  }

  private async screenBatch(inputs: readonly { type: IdentifierType; value: string }[]): Promise<ScreeningResult[]> {
    if (inputs.length > MAX_SCREENING_BATCH) {
      throw new InputException(
        'identifiers',
        `at most ${MAX_SCREENING_BATCH} identifiers per call, ${inputs.length} were given`,
      );
    }
    const items = validateBatch(inputs);
    const keys = distinctKeys(items);
    const hits = new Map<string, ScreeningHit[]>();
    if (keys.types.length > 0) {
      // A case that lists the same identifier twice is one hit (deduplicated here, not per key in SQL, where it cost more).
      const caseHits = new Set<string>();
      for (const row of await this.lookup(keys)) {
        const key = identifierKey(row.type, row.value);
        if (row.source === HitSource.LOCAL_CASE) {
          const caseHit = `${key}\u0000${row.id}`;
          if (caseHits.has(caseHit)) continue;
          caseHits.add(caseHit);
        }
        const hit = this.hitOf(row);
        const list = hits.get(key);
        if (list) list.push(hit);
        else hits.set(key, [hit]);
      }
    }
    return items.map((item) => ({
      ...item,
      hits: item.normalized === null ? [] : (hits.get(identifierKey(item.type, item.normalized)) ?? []),
    }));
  }

  private async lookup(keys: ScreeningKeys): Promise<HitRow[]> {
    const runner = this.tx.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as pg.PoolClient;
      const { rows } = await client.query<HitRow>({
        name: 'screening.screen',
        text: SCREEN_SQL,
        values: [keys.types, keys.values, this.clock.now()],
      });
      return rows;
    } finally {
      await runner.release();
    }
  }

  private hitOf(row: HitRow): ScreeningHit {
    switch (row.source) {
      case HitSource.LOCAL_CASE:
        return {
          ...EMPTY_HIT,
          source: row.source,
          sourceNode: this.config.id,
          caseId: row.id,
          caseReference: row.case_reference,
          tlp: row.tlp,
        };
      case HitSource.WATCHLIST:
        return {
          ...EMPTY_HIT,
          source: row.source,
          sourceNode: row.origin ?? '',
          watchlistEntryId: row.id,
          offenceCategory: row.offence_category,
          severity: row.severity,
          caseReference: row.case_reference,
        };
      case HitSource.PARTNER_DATA:
        return {
          ...EMPTY_HIT,
          source: row.source,
          sourceNode: row.origin ?? '',
          receivedPacketId: row.id,
          caseReference: row.case_reference,
          tlp: row.tlp,
        };
    }
  }
}
