import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditEventType } from '../audit/audit-event-type.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { CaseService } from '../cases/case.service.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { ShareRequestService } from '../sharing/share-request.service.js';
import type { StixImportDefaultsInput } from '../stix/dto/stix-import.types.js';
import { StixImportService, type StixImportResult } from '../stix/stix-import.service.js';
import { StixService } from '../stix/stix.service.js';
import { caseEvent, manifestEntry } from './misp-event.js';
import type { MispEvent } from './misp-format.js';
import { InvalidMispEventError, planMispImport } from './misp-import.js';
import { MispException, MispExceptionCode } from './misp.exception.js';

/**
 * MISP's own format for what the node shares and takes: a case export (the partner's redacted view,
 * as for STIX), a per-partner feed of the cases released to it, and imports of MISP events into a
 * case or the watchlist, by the rules of a STIX import.
 */
@Injectable()
export class MispService {
  constructor(
    private readonly stix: StixService,
    private readonly importer: StixImportService,
    private readonly cases: CaseService,
    private readonly shares: ShareRequestService,
    private readonly policies: PartnerPolicyService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The case as partner `partnerId` would receive it in a packet for `purpose`, as a MISP event. */
  async exportCase(
    caseId: string,
    partnerId: string,
    purpose: string | undefined,
    officer: AuthenticatedOfficer,
  ): Promise<{ Event: MispEvent }> {
    const release = await this.stix.releaseFor(caseId, partnerId, purpose, {
      by: officer,
      as: AuditEventType.MISP_EXPORTED,
    });
    const event = caseEvent({
      node: { id: this.config.id, name: this.config.name },
      caseId,
      partnerId,
      released: release.modified,
      payload: release.payload,
      policyLabel: release.policyLabel,
    });
    this.logger.info(
      { event: 'misp.case_exported', caseId, partnerId, policyVersion: release.policyVersion, by: officer.username },
      `case ${release.payload.reference} exported as a MISP event for ${partnerId} under policy version ${release.policyVersion}`,
    );
    return event;
  }

  /** The partner's feed: one event per case a liaison officer released to it, exactly the approved preview. */
  async feed(partnerId: string): Promise<Map<string, MispEvent>> {
    const events = new Map<string, MispEvent>();
    for (const share of await this.shares.releasedTo(partnerId)) {
      if (!share.preview || !share.caseId) continue;
      const { Event } = caseEvent({
        node: { id: this.config.id, name: this.config.name },
        caseId: share.caseId,
        partnerId,
        released: share.decidedAt ?? share.previewComputedAt,
        payload: share.preview,
        policyLabel: this.policies.policyVersionLabel(partnerId, share.preview.policyVersion),
      });
      events.set(Event.uuid, Event);
    }
    return events;
  }

  async manifest(partnerId: string): Promise<Record<string, unknown>> {
    const events = await this.feed(partnerId);
    return Object.fromEntries([...events].map(([uuid, event]) => [uuid, manifestEntry(event)]));
  }

  /** A MISP event's actionable identifiers into our watchlist, or a case's identifiers. */
  async importEvent(
    document: unknown,
    caseId: string | undefined,
    defaults: StixImportDefaultsInput,
    officer: AuthenticatedOfficer,
  ): Promise<StixImportResult> {
    let plan;
    try {
      plan = planMispImport(document);
    } catch (error) {
      if (error instanceof InvalidMispEventError)
        throw new MispException(error.message, MispExceptionCode.INVALID_EVENT);
      throw error;
    }
    if (caseId !== undefined) await this.cases.get(caseId);
    return this.importer.apply(plan, caseId, defaults, officer, 'MISP');
  }
}
