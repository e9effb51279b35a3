import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import type { CaseIdentifier } from '../cases/case-content.js';
import { CaseService } from '../cases/case.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { InputException } from '../common/errors/input.exception.js';
import { LOGGER } from '../config/config.module.js';
import { MAX_REASON_LENGTH, type Severity } from '../watchlist/watchlist-entry.js';
import { MAX_VALIDITY_DAYS, type WatchlistEntryChange } from '../watchlist/watchlist-input.js';
import { WatchlistService } from '../watchlist/watchlist.service.js';
import {
  InvalidBundleError,
  planImport,
  tooRestrictedForWatchlist,
  type ImportCandidate,
  type ImportPlan,
  type ImportRefusal,
} from './stix-import.js';
import { StixSchemas } from './stix-schemas.js';
import { StixException, StixExceptionCode } from './stix.exception.js';
import type { StixImportDefaultsInput } from './dto/stix-import.types.js';
import { TransactionContext } from '../common/database/transaction-context.js';

const DAY_MS = 24 * 3600 * 1000;
const CASE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

export interface StixImportResult {
  target: string;
  imported: {
    objectId: string;
    identifierType: ImportCandidate['identifierType'];
    value: string;
    entryId: string | null;
    identifierId: string | null;
  }[];
  refused: ImportRefusal[];
  otherObjects: number;
  caseRevision: number | null;
}

/** STIX bundles into watchlist entries of this node or identifiers of a case, each import in one transaction. */
@Injectable()
export class StixImportService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly schemas: StixSchemas,
    private readonly cases: CaseService,
    private readonly watchlist: WatchlistService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async import(
    bundle: unknown,
    caseId: string | undefined,
    defaults: StixImportDefaultsInput,
    officer: AuthenticatedOfficer,
  ): Promise<StixImportResult> {
    let plan;
    try {
      plan = planImport(bundle, this.schemas);
    } catch (error) {
      if (error instanceof InvalidBundleError) throw new StixException(error.message, StixExceptionCode.INVALID_BUNDLE);
      throw error;
    }
    return this.apply(plan, caseId, defaults, officer, 'STIX');
  }

  /**
   * Writes a planned import (a STIX bundle's, a MISP event's) into the watchlist or a case, with the
   * same rules whatever the format: one transaction, duplicates and unusable candidates refused with
   * the reason.
   */
  async apply(
    plan: ImportPlan,
    caseId: string | undefined,
    defaults: StixImportDefaultsInput,
    officer: AuthenticatedOfficer,
    format: 'STIX' | 'MISP',
  ): Promise<StixImportResult> {
    const result =
      caseId === undefined
        ? await this.intoWatchlist(plan.candidates, plan.refused, defaults, officer)
        : await this.intoCase(caseId, plan.candidates, plan.refused, officer);
    result.otherObjects = plan.otherObjects;
    this.logger.info(
      {
        event: format === 'STIX' ? 'stix.imported' : 'misp.imported',
        target: result.target,
        imported: result.imported.length,
        refused: result.refused.length,
        by: officer.username,
      },
      `${format} import into ${result.target}: ${result.imported.length} imported, ${result.refused.length} refused`,
    );
    return result;
  }

  private async intoWatchlist(
    candidates: ImportCandidate[],
    refused: ImportRefusal[],
    defaults: StixImportDefaultsInput,
    officer: AuthenticatedOfficer,
  ): Promise<StixImportResult> {
    const validDays = defaults.validDays ?? 365;
    if (!Number.isInteger(validDays) || validDays < 1 || validDays > MAX_VALIDITY_DAYS)
      throw new InputException('defaults.validDays', `must be 1 to ${MAX_VALIDITY_DAYS}`);
    const now = this.clock.now();
    const accepted: { candidate: ImportCandidate; change: WatchlistEntryChange }[] = [];
    for (const candidate of candidates) {
      const restricted = tooRestrictedForWatchlist(candidate.tlp);
      if (restricted) {
        refused.push({ objectId: candidate.objectId, reason: `${restricted}; import it into a case instead` });
        continue;
      }
      const offenceCategory = candidate.offenceCategory ?? defaults.offenceCategory ?? undefined;
      if (!offenceCategory) {
        refused.push({
          objectId: candidate.objectId,
          reason:
            'no offence category: label the indicator offence:<category> (e.g. offence:online-scam) or pass defaults.offenceCategory',
        });
        continue;
      }
      const validUntil = candidate.validUntil ?? new Date(now.getTime() + validDays * DAY_MS).toISOString();
      if (Date.parse(validUntil) <= now.getTime()) {
        refused.push({ objectId: candidate.objectId, reason: `the indicator expired (valid_until ${validUntil})` });
        continue;
      }
      const reason =
        (candidate.description ?? candidate.name ?? `Imported from STIX indicator ${candidate.objectId}`)
          .trim()
          .slice(0, MAX_REASON_LENGTH) || candidate.objectId;
      const change: WatchlistEntryChange = {
        identifierType: candidate.identifierType,
        value: candidate.value,
        reason,
        offenceCategory,
        severity: candidate.severity ?? ((defaults.severity ?? 'MEDIUM') as Severity),
        caseReference:
          candidate.caseReference && CASE_REFERENCE.test(candidate.caseReference) ? candidate.caseReference : null,
        validUntil,
      };
      accepted.push({ candidate, change });
    }
    let written;
    try {
      written = await this.watchlist.addMany(
        accepted.map((a) => a.change),
        officer,
      );
    } catch (error) {
      // One bad input (say valid_until ten years out) names the indicator instead of an input index.
      if (error instanceof InputException)
        throw new StixException(
          `an indicator cannot become a watchlist entry: ${error.message}`,
          StixExceptionCode.INVALID_BUNDLE,
        );
      throw error;
    }
    const listed = new Map(written.listed.map((l) => [l.index, l.entryId]));
    const imported: StixImportResult['imported'] = [];
    let row = 0;
    accepted.forEach(({ candidate }, index) => {
      const existing = listed.get(index);
      if (existing) {
        refused.push({
          objectId: candidate.objectId,
          reason: `${candidate.identifierType} ${candidate.value} is already on our watchlist (entry ${existing})`,
        });
        return;
      }
      imported.push({
        objectId: candidate.objectId,
        identifierType: candidate.identifierType,
        value: candidate.value,
        entryId: written.rows[row++].entryId,
        identifierId: null,
      });
    });
    return { target: 'WATCHLIST', imported, refused, otherObjects: 0, caseRevision: null };
  }

  private async intoCase(
    caseId: string,
    candidates: ImportCandidate[],
    refused: ImportRefusal[],
    officer: AuthenticatedOfficer,
  ): Promise<StixImportResult> {
    return this.tx.run(async () => {
      const current = await this.cases.lockedCase(caseId);
      const held = new Map(current.content.identifiers.map((i) => [`${i.type} ${i.value}`, i.id]));
      const ids = new Set(current.content.identifiers.map((i) => i.id));
      const added: CaseIdentifier[] = [];
      const imported: StixImportResult['imported'] = [];
      for (const candidate of candidates) {
        const existing = held.get(`${candidate.identifierType} ${candidate.value}`);
        if (existing) {
          refused.push({
            objectId: candidate.objectId,
            reason: `${candidate.identifierType} ${candidate.value} is already in the case (identifier ${existing})`,
          });
          continue;
        }
        const id = freshId(candidate.objectId, ids);
        added.push({ id, type: candidate.identifierType, value: candidate.value });
        imported.push({
          objectId: candidate.objectId,
          identifierType: candidate.identifierType,
          value: candidate.value,
          entryId: null,
          identifierId: id,
        });
      }
      const saved = added.length > 0 ? await this.cases.addIdentifiers(caseId, added, officer) : current;
      return { target: caseId, imported, refused, otherObjects: 0, caseRevision: saved.revision };
    });
  }
}

/** `stix-<8 hex of the STIX id>`, suffixed until unused in the case. */
function freshId(objectId: string, taken: Set<string>): string {
  const base = `stix-${createHash('sha256').update(objectId).digest('hex').slice(0, 8)}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
