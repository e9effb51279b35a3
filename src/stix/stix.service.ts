import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { CaseService } from '../cases/case.service.js';
import { InputException } from '../common/errors/input.exception.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { evaluateSharePolicy } from '../policy/policy-evaluation.js';
import type { SharedCasePayload } from '../policy/shared-case-payload.js';
import { PURPOSES, type Purpose } from '../policy/sharing-policy.js';
import type { WatchlistEntryVersion } from '../watchlist/watchlist-entry.js';
import { WatchlistService } from '../watchlist/watchlist.service.js';
import { versionOf } from '../watchlist/watchlist.store.js';
import { caseBundle } from './stix-case.js';
import type { StixNode } from './stix-common.js';
import { stixNodeOf } from './stix-node.js';
import type { StixObject } from './stix-vocabulary.js';
import { watchlistBundle } from './stix-watchlist.js';
import { StixException, StixExceptionCode } from './stix.exception.js';

/** Without a partner, a case is exported for this purpose (the one a partner's CTI platform serves). */
export const DEFAULT_EXPORT_PURPOSE: Purpose = 'INTELLIGENCE_PICTURE';
/** A GraphQL export is for a look or a hand-over; whole feeds go through TAXII. */
export const MAX_WATCHLIST_EXPORT = 10_000;

/** What a partner may receive of a case, under which policy version. */
export interface CaseRelease {
  payload: SharedCasePayload;
  created: Date;
  modified: Date;
  purpose: Purpose;
  policyVersion: number;
  policyLabel: string;
  /** How many fields the policy removed or transformed. */
  removed: number;
}

/** STIX exports of cases and the watchlist, each through the same per-partner policy as a packet or the feed. */
@Injectable()
export class StixService {
  constructor(
    private readonly cases: CaseService,
    private readonly policies: PartnerPolicyService,
    private readonly watchlist: WatchlistService,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get node(): StixNode {
    return stixNodeOf(this.config);
  }

  requirePartner(partnerId: string): void {
    if (!this.config.peers.some((peer) => peer.id === partnerId)) {
      throw new StixException(
        `"${partnerId}" is not a configured peer of ${this.config.id}`,
        StixExceptionCode.UNKNOWN_PARTNER,
      );
    }
  }

  /**
   * The case as partner `partnerId` would receive it in a packet for `purpose`: the payload the
   * partner's latest outbound policy lets through (a DENY is refused with its reasons). STIX and
   * MISP exports are both built from this, never from the case itself.
   */
  async releaseFor(
    caseId: string,
    partnerId: string,
    purpose: string | undefined,
    exported: { by: AuthenticatedOfficer; as: AuditEventType.STIX_EXPORTED | AuditEventType.MISP_EXPORTED },
  ): Promise<CaseRelease> {
    this.requirePartner(partnerId);
    const chosen = (purpose ?? DEFAULT_EXPORT_PURPOSE) as Purpose;
    if (!PURPOSES.includes(chosen)) throw new InputException('purpose', `must be one of ${PURPOSES.join(', ')}`);
    const intelCase = await this.cases.get(caseId);
    const policy = await this.policies.outboundFor(partnerId);
    if (!policy)
      throw new StixException(
        `there is no outbound policy for ${partnerId}: nothing may be shared with it`,
        StixExceptionCode.NO_POLICY,
      );
    const evaluation = evaluateSharePolicy(intelCase.content, policy, chosen);
    if (evaluation.decision === 'DENY') {
      throw new StixException(
        `policy ${policy.version} for ${partnerId} denies case ${intelCase.reference}: ${evaluation.reasons.join('; ')}`,
        StixExceptionCode.DENIED_BY_POLICY,
      );
    }
    // An export is a release of case data: on the trail like a share (references only).
    await this.audit.record({
      type: exported.as,
      actor: exported.by.username,
      subjectType: 'CASE',
      subjectId: caseId,
      details: {
        caseReference: intelCase.reference,
        partnerId,
        purpose: chosen,
        policyVersion: this.policies.policyVersionLabel(partnerId, policy.version),
        withheldOrTransformed: evaluation.removed.length,
      },
    });
    return {
      payload: evaluation.payload,
      created: intelCase.createdAt,
      modified: intelCase.updatedAt,
      purpose: chosen,
      policyVersion: policy.version,
      policyLabel: this.policies.policyVersionLabel(partnerId, policy.version),
      removed: evaluation.removed.length,
    };
  }

  /** The case as partner `partnerId` would receive it in a packet for `purpose`, as a STIX bundle. */
  async exportCase(
    caseId: string,
    partnerId: string,
    purpose: string | undefined,
    officer: AuthenticatedOfficer,
  ): Promise<StixObject> {
    const release = await this.releaseFor(caseId, partnerId, purpose, {
      by: officer,
      as: AuditEventType.STIX_EXPORTED,
    });
    const bundle = caseBundle({
      node: this.node,
      caseId,
      partnerId,
      created: release.created,
      modified: release.modified,
      payload: release.payload,
      policyLabel: release.policyLabel,
    });
    this.logger.info(
      {
        event: 'stix.case_exported',
        caseId,
        partnerId,
        purpose: release.purpose,
        policyVersion: release.policyVersion,
        removed: release.removed,
        by: officer.username,
      },
      `case ${release.payload.reference} exported as STIX for ${partnerId} under policy version ${release.policyVersion}`,
    );
    return bundle;
  }

  /**
   * Watchlist entries as a STIX bundle: with a partner, exactly that partner's change feed (live
   * entries and the revocations it must learn of); without, our live watchlist as analysts see it.
   */
  async exportWatchlist(
    partnerId: string | undefined,
    first: number,
    officer: AuthenticatedOfficer,
  ): Promise<StixObject> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_WATCHLIST_EXPORT) {
      throw new InputException('first', `must be 1 to ${MAX_WATCHLIST_EXPORT}; pull the whole feed over TAXII`);
    }
    const entries = partnerId === undefined ? await this.ownView(first) : await this.partnerView(partnerId, first);
    await this.audit.record({
      type: AuditEventType.STIX_EXPORTED,
      actor: officer.username,
      subjectType: 'WATCHLIST',
      subjectId: partnerId ?? this.config.id,
      details: { partnerId: partnerId ?? undefined, entries: entries.length },
    });
    this.logger.info(
      { event: 'stix.watchlist_exported', partnerId: partnerId ?? null, entries: entries.length, by: officer.username },
      `${entries.length} watchlist entries exported as STIX${partnerId ? ` for ${partnerId}` : ''}`,
    );
    return watchlistBundle(this.node, `watchlist/${partnerId ?? this.config.id}`, entries);
  }

  private async partnerView(partnerId: string, first: number): Promise<WatchlistEntryVersion[]> {
    this.requirePartner(partnerId);
    const entries: WatchlistEntryVersion[] = [];
    let cursor = '0';
    for (;;) {
      const page = await this.watchlist.changesFor(partnerId, cursor, Math.min(1000, first - entries.length));
      entries.push(...page.items.map((item) => item.entry));
      cursor = page.nextCursor;
      if (!page.hasMore || entries.length >= first) return entries;
    }
  }

  private async ownView(first: number): Promise<WatchlistEntryVersion[]> {
    const entries: WatchlistEntryVersion[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.watchlist.list({}, Math.min(500, first - entries.length), after);
      entries.push(...page.entries.map(versionOf));
      after = page.endCursor;
      if (!page.hasMore || entries.length >= first) return entries;
    }
  }
}
