import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { IdentifierType, OffenceCategory, Tlp } from '../cases/case-content.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { InputException } from '../common/errors/input.exception.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { validateIdentifier } from '../identifiers/index.js';
import type { IdentifierValidation } from '../identifiers/index.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { Severity } from '../watchlist/watchlist-entry.js';
import { HitSource } from './dto/screening.types.js';
import { MAX_SCREENING_BATCH, distinctKeys, identifierKey, validateBatch, type ScreeningItem, type ScreeningKeys } from './screening-batch.js';

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

/** The batch as a relation; each query joins it to a table on that table's (type, value) index. */
const BATCH = 'unnest($1::text[], $2::text[]) AS q(type, value)';

interface Row {
  type: string;
  value: string;
}

@Injectable()
export class ScreeningService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: MetricsService,
  ) {}

  validate(type: IdentifierType, value: string): IdentifierValidation {
    return validateIdentifier(type, value);
  }

  /**
   * Every hit for every identifier: one query per source table for the whole batch, never one per
   * identifier, so 10,000 identifiers cost three index-driven joins.
   */
  screen(inputs: readonly { type: IdentifierType; value: string }[]): Promise<ScreeningResult[]> {
    return this.metrics.time(this.metrics.screeningDuration, () => this.screenBatch(inputs));
  }

  private async screenBatch(inputs: readonly { type: IdentifierType; value: string }[]): Promise<ScreeningResult[]> {
    if (inputs.length > MAX_SCREENING_BATCH) {
      throw new InputException('identifiers', `at most ${MAX_SCREENING_BATCH} identifiers per call, ${inputs.length} were given`);
    }
    const items = validateBatch(inputs);
    const keys = distinctKeys(items);
    const hits = new Map<string, ScreeningHit[]>();
    if (keys.types.length > 0) {
      // Sequential: the three queries share no state, and one connection per call keeps the pool free under load.
      for (const found of [await this.localCases(keys), await this.watchlist(keys), await this.partnerData(keys)]) {
        for (const { key, hit } of found) {
          const list = hits.get(key);
          if (list) list.push(hit);
          else hits.set(key, [hit]);
        }
      }
    }
    return items.map((item) => ({ ...item, hits: item.normalized === null ? [] : (hits.get(identifierKey(item.type, item.normalized)) ?? []) }));
  }

  private async localCases(keys: ScreeningKeys): Promise<{ key: string; hit: ScreeningHit }[]> {
    const rows: (Row & { case_id: string; reference: string; tlp: Tlp })[] = await this.db.query(
      `SELECT DISTINCT q.type, q.value, c.id AS case_id, c.reference, c.tlp
         FROM ${BATCH}
         JOIN case_identifier ci ON ci.type = q.type AND ci.value = q.value
         JOIN intel_case c ON c.id = ci.case_id
        ORDER BY c.reference`,
      [keys.types, keys.values],
    );
    return rows.map((row) => ({
      key: identifierKey(row.type, row.value),
      hit: { ...EMPTY_HIT, source: HitSource.LOCAL_CASE, sourceNode: this.config.id, caseId: row.case_id, caseReference: row.reference, tlp: row.tlp },
    }));
  }

  /** Live entries only: revoked and expired ones are history, not intelligence. */
  private async watchlist(keys: ScreeningKeys): Promise<{ key: string; hit: ScreeningHit }[]> {
    const rows: (Row & { origin: string; entry_id: string; offence_category: OffenceCategory; severity: Severity; case_reference: string | null })[] =
      await this.db.query(
        `SELECT q.type, q.value, w.origin, w.entry_id, w.offence_category, w.severity, w.case_reference
           FROM ${BATCH}
           JOIN watchlist_entry w ON w.identifier_type = q.type AND w.value = q.value
          WHERE NOT w.revoked AND w.valid_until > $3
          ORDER BY w.origin, w.entry_id`,
        [keys.types, keys.values, this.clock.now()],
      );
    return rows.map((row) => ({
      key: identifierKey(row.type, row.value),
      hit: {
        ...EMPTY_HIT,
        source: HitSource.WATCHLIST,
        sourceNode: row.origin,
        watchlistEntryId: row.entry_id,
        offenceCategory: row.offence_category,
        severity: row.severity,
        caseReference: row.case_reference,
      },
    }));
  }

  /** What partners sent us and policy let in; packets past retention are as good as deleted. */
  private async partnerData(keys: ScreeningKeys): Promise<{ key: string; hit: ScreeningHit }[]> {
    const rows: (Row & { id: string; origin_node: string; case_reference: string | null; tlp: Tlp | null })[] = await this.db.query(
      `SELECT q.type, q.value, p.id, p.origin_node, p.case_reference, p.tlp
         FROM ${BATCH}
         JOIN received_identifier ri ON ri.type = q.type AND ri.value = q.value
         JOIN received_packet p ON p.id = ri.received_packet_id
        WHERE p.retention_until > $3
        ORDER BY p.received_at, p.id`,
      [keys.types, keys.values, this.clock.now()],
    );
    return rows.map((row) => ({
      key: identifierKey(row.type, row.value),
      hit: { ...EMPTY_HIT, source: HitSource.PARTNER_DATA, sourceNode: row.origin_node, receivedPacketId: row.id, caseReference: row.case_reference, tlp: row.tlp },
    }));
  }
}
