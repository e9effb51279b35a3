import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { In } from 'typeorm';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { CaseService } from '../cases/case.service.js';
import type { IntelCase } from '../cases/entities/intel-case.entity.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { InputException } from '../common/errors/input.exception.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import type { JsonValue } from '../kernel/crypto/canonical-json.js';
import { PacketSealerService } from '../envelope/packet-sealer.service.js';
import { DeliveryService } from '../federation/delivery.service.js';
import { InboundPacketService } from '../inbound/inbound-packet.service.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { PURPOSES, type Purpose } from '../policy/sharing-policy.js';
import { ShareRequest } from './entities/share-request.entity.js';
import { isReleasedCase, type ReleasedShare } from './released-share.js';
import { legacyReplyDraft, replyDraftOf, SharePreviewService } from './share-preview.service.js';
import { ShareStatus } from './share-status.js';
import { SharingException, SharingExceptionCode } from './sharing.exception.js';
import { TransactionContext } from '../common/database/transaction-context.js';

/** A share request with what is needed to show it: the case reference and whether its preview is stale. */
export interface ShareRequestView {
  request: ShareRequest;
  caseReference: string;
  stale: boolean;
}

@Injectable()
export class ShareRequestService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly cases: CaseService,
    private readonly policies: PartnerPolicyService,
    private readonly previews: SharePreviewService,
    private readonly sealer: PacketSealerService,
    private readonly inbound: InboundPacketService,
    private readonly deliveries: DeliveryService,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private get requests() {
    return this.tx.manager.getRepository(ShareRequest);
  }

  policyVersionLabel(partnerId: string, version: number): string {
    return this.policies.policyVersionLabel(partnerId, version);
  }

  /** One request per partner, each with its redacted preview computed now under the partner's policy. */
  async request(
    caseId: string,
    partnerIds: string[],
    purpose: string,
    note: string | undefined,
    officer: AuthenticatedOfficer,
  ): Promise<ShareRequestView[]> {
    if (partnerIds.length === 0) throw new InputException('partnerIds', 'name at least one partner');
    const unknown = partnerIds.filter((id) => !this.config.peers.some((peer) => peer.id === id));
    if (unknown.length)
      throw new InputException('partnerIds', `not configured peers of ${this.config.id}: ${unknown.join(', ')}`);
    if (!PURPOSES.includes(purpose as Purpose))
      throw new InputException('purpose', `must be one of ${PURPOSES.join(', ')}`);
    if (note !== undefined && note.length > 2000) throw new InputException('note', 'must be at most 2000 characters');
    const intelCase = await this.cases.get(caseId);
    const views: ShareRequestView[] = [];
    for (const partnerId of [...new Set(partnerIds)]) {
      const row = this.requests.create({
        caseId,
        partnerId,
        purpose,
        note: note ?? null,
        requestedBy: officer.username,
        requestedCaseRevision: intelCase.revision,
      });
      await this.previews.ofCase(row, intelCase);
      const saved = await this.tx.run(async () => {
        const stored = await this.requests.save(row);
        await this.audit.record(
          this.shareEvent(AuditEventType.SHARE_REQUESTED, stored, officer.username, intelCase.reference),
        );
        return stored;
      });
      this.logger.info(
        {
          event: 'share.requested',
          shareRequestId: saved.id,
          caseId,
          partnerId,
          status: saved.status,
          by: officer.username,
        },
        `share of case ${intelCase.reference} with ${partnerId} requested: ${saved.status}`,
      );
      views.push({ request: saved, caseReference: intelCase.reference, stale: false });
    }
    return views;
  }

  /**
   * An answer to a partner's packet (e.g. a freeze request): evaluated against the partner's outbound
   * policy like a share (preview, transforms, DENY reasons), and it leaves only after the same
   * four-eyes approval. The text as written is kept (replyDraft), so a refresh recomputes from it.
   */
  async requestReply(packetId: string, text: string, officer: AuthenticatedOfficer): Promise<ShareRequestView> {
    if (!text.trim()) throw new InputException('text', 'write the reply');
    if (text.length > 20_000) throw new InputException('text', 'must be at most 20000 characters');
    const original = await this.inbound.getByPacketId(packetId);
    if (!original)
      throw new SharingException(`No received packet ${packetId} to reply to`, SharingExceptionCode.SHARE_NOT_FOUND);
    const { draft, purpose } = replyDraftOf(original, text.trim());
    const row = this.requests.create({
      kind: 'REPLY',
      caseId: null,
      inReplyTo: packetId,
      partnerId: original.originNode,
      purpose,
      note: null,
      requestedBy: officer.username,
      caseRevision: 0,
      requestedCaseRevision: null,
      replyDraft: draft,
    });
    await this.previews.ofReply(row, draft);
    const saved = await this.tx.run(async () => {
      const stored = await this.requests.save(row);
      await this.audit.record(
        this.shareEvent(AuditEventType.SHARE_REQUESTED, stored, officer.username, original.caseReference),
      );
      return stored;
    });
    this.logger.info(
      {
        event: 'share.reply_requested',
        shareRequestId: saved.id,
        inReplyTo: packetId,
        status: saved.status,
        by: officer.username,
      },
      `reply requested: ${saved.status}`,
    );
    return { request: saved, caseReference: original.caseReference ?? '', stale: false };
  }

  async list(status: ShareStatus | undefined, first: number): Promise<ShareRequestView[]> {
    const rows = await this.requests.find({
      where: status ? { status } : {},
      order: { requestedAt: 'DESC' },
      take: Math.min(Math.max(first, 1), 500),
    });
    return this.views(rows);
  }

  /**
   * The cases a liaison officer released to `partnerId`: per case, its latest approved share (approved,
   * sent or delivered), whose preview is exactly what was sealed for the partner.
   */
  async releasedTo(partnerId: string): Promise<ReleasedShare[]> {
    const rows = await this.requests.find({
      where: {
        kind: 'CASE',
        partnerId,
        status: In([ShareStatus.APPROVED, ShareStatus.SENT, ShareStatus.DELIVERED]),
      },
      order: { decidedAt: 'DESC' },
    });
    const latest = new Map<string, ReleasedShare>();
    for (const row of rows) if (isReleasedCase(row) && !latest.has(row.caseId)) latest.set(row.caseId, row);
    return [...latest.values()];
  }

  async get(id: string): Promise<ShareRequestView> {
    const row = await this.requests.findOneBy({ id });
    if (!row) throw new SharingException(`No share request ${id}`, SharingExceptionCode.SHARE_NOT_FOUND);
    return (await this.views([row]))[0];
  }

  /**
   * Recomputes a pending preview from the current case (or reply draft) and policy, so that it can be
   * approved. Whoever refreshes becomes its requester (the one before may not decide it either).
   */
  async refresh(id: string, officer: AuthenticatedOfficer): Promise<ShareRequestView> {
    return this.tx.run(async () => {
      const row = await this.pending(id);
      const before = row.requestedBy;
      if (before !== officer.username) {
        row.previousRequesters = [...new Set([...row.previousRequesters, before])].filter(
          (name) => name !== officer.username,
        );
        row.requestedBy = officer.username;
      }
      let caseReference: string;
      if (row.caseId === null) {
        await this.previews.ofReply(row, row.replyDraft ?? legacyReplyDraft(row));
        caseReference = row.replyDraft?.reference ?? '';
      } else {
        const intelCase = await this.cases.lockedCase(row.caseId);
        await this.previews.ofCase(row, intelCase);
        caseReference = intelCase.reference;
      }
      const saved = await this.requests.save(row);
      await this.audit.record(
        this.shareEvent(AuditEventType.SHARE_PREVIEW_REFRESHED, saved, officer.username, caseReference),
      );
      return { request: saved, caseReference, stale: false };
    });
  }

  /** Seals exactly the stored preview and queues it; refused for one's own request or a stale preview. */
  async approve(id: string, comment: string | undefined, officer: AuthenticatedOfficer): Promise<ShareRequestView> {
    const view = await this.tx.run(async () => {
      const row = await this.pending(id);
      this.checkFourEyes(row, officer);
      const intelCase = row.caseId === null ? null : await this.cases.lockedCase(row.caseId);
      if (intelCase) await this.checkApproverWroteNothing(row, intelCase, officer);
      await this.checkFresh(row, intelCase);
      if (!row.preview || row.policyVersion === null)
        throw new Error(`share request ${id} is pending without a preview`);
      const type = row.kind === 'REPLY' ? 'reply' : 'case';
      const packet = await this.sealer.seal({
        type,
        to: [row.partnerId],
        body: row.preview as unknown as JsonValue,
        policyVersion: this.policies.policyVersionLabel(row.partnerId, row.policyVersion),
        inReplyTo: row.inReplyTo ?? undefined,
      });
      await this.deliveries.enqueue({
        packetId: packet.header.packetId,
        partnerId: row.partnerId,
        shareRequestId: row.id,
        type,
        packet,
      });
      Object.assign(row, {
        status: ShareStatus.APPROVED,
        decidedBy: officer.username,
        decisionComment: comment?.trim() || null,
        decidedAt: this.clock.now(),
        packetId: packet.header.packetId,
      });
      const saved = await this.requests.save(row);
      const caseReference = intelCase?.reference ?? row.preview.reference ?? '';
      await this.audit.record(this.shareEvent(AuditEventType.SHARE_APPROVED, saved, officer.username, caseReference));
      return { request: saved, caseReference, stale: false };
    });
    this.logger.info(
      {
        event: 'share.approved',
        shareRequestId: id,
        packetId: view.request.packetId,
        partnerId: view.request.partnerId,
        by: officer.username,
      },
      `share ${id} approved and sealed as packet ${view.request.packetId}`,
    );
    return view;
  }

  async reject(id: string, reason: string, officer: AuthenticatedOfficer): Promise<ShareRequestView> {
    if (!reason.trim()) throw new InputException('reason', 'say why the share is rejected');
    if (reason.length > 2000) throw new InputException('reason', 'must be at most 2000 characters');
    const saved = await this.tx.run(async () => {
      const row = await this.pending(id);
      this.checkFourEyes(row, officer);
      Object.assign(row, {
        status: ShareStatus.REJECTED,
        decidedBy: officer.username,
        decisionComment: reason.trim(),
        decidedAt: this.clock.now(),
      });
      const stored = await this.requests.save(row);
      await this.audit.record(this.shareEvent(AuditEventType.SHARE_REJECTED, stored, officer.username));
      return stored;
    });
    this.logger.info({ event: 'share.rejected', shareRequestId: id, by: officer.username }, `share ${id} rejected`);
    return (await this.views([saved]))[0];
  }

  async withdraw(id: string, officer: AuthenticatedOfficer): Promise<ShareRequestView> {
    const saved = await this.tx.run(async () => {
      const row = await this.pending(id);
      if (row.requestedBy !== officer.username) {
        throw new SharingException(
          'Only the analyst who requested a share can withdraw it',
          SharingExceptionCode.NOT_REQUESTER,
        );
      }
      Object.assign(row, { status: ShareStatus.WITHDRAWN, decidedAt: this.clock.now() });
      const stored = await this.requests.save(row);
      await this.audit.record(this.shareEvent(AuditEventType.SHARE_WITHDRAWN, stored, officer.username));
      return stored;
    });
    return (await this.views([saved]))[0];
  }

  /** Who shared what with whom, under which policy version and whose approval: references only, never the preview. */
  private shareEvent(type: AuditEventType, row: ShareRequest, actor: string, caseReference?: string | null) {
    return {
      type,
      actor,
      subjectType: 'SHARE_REQUEST',
      subjectId: row.id,
      details: {
        kind: row.kind,
        caseId: row.caseId,
        caseReference: caseReference ?? undefined,
        inReplyTo: row.inReplyTo ?? undefined,
        partnerId: row.partnerId,
        purpose: row.purpose,
        status: row.status,
        policyVersion:
          row.policyVersion === null ? null : this.policies.policyVersionLabel(row.partnerId, row.policyVersion),
        requestedBy: row.requestedBy,
        previousRequesters: row.previousRequesters.length ? row.previousRequesters : undefined,
        caseRevision: row.caseId === null ? undefined : row.caseRevision,
        decidedBy: row.decidedBy ?? undefined,
        packetId: row.packetId ?? undefined,
      },
    };
  }

  private async pending(id: string): Promise<ShareRequest> {
    const row = await this.requests.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new SharingException(`No share request ${id}`, SharingExceptionCode.SHARE_NOT_FOUND);
    if (row.status !== ShareStatus.PENDING_APPROVAL) {
      throw new SharingException(
        `Share request ${id} is ${row.status}, not PENDING_APPROVAL`,
        SharingExceptionCode.NOT_PENDING,
      );
    }
    return row;
  }

  /** Nobody who requested or refreshed a share decides it. */
  private checkFourEyes(row: ShareRequest, officer: AuthenticatedOfficer): void {
    if (row.requestedBy === officer.username || row.previousRequesters.includes(officer.username)) {
      throw new SharingException(
        'A share must be decided by an officer other than the one who requested it, or anyone who refreshed it',
        SharingExceptionCode.OWN_REQUEST,
      );
    }
  }

  /** The approver wrote none of what leaves: no change to the case since the share was first requested. */
  private async checkApproverWroteNothing(
    row: ShareRequest,
    intelCase: IntelCase,
    officer: AuthenticatedOfficer,
  ): Promise<void> {
    const since = row.requestedCaseRevision ?? row.caseRevision;
    if (!(await this.cases.editorsSince(intelCase.id, since)).includes(officer.username)) return;
    throw new SharingException(
      `You changed case ${intelCase.reference} after this share was requested (at revision ${since}): ` +
        'an officer who wrote none of what leaves must approve it',
      SharingExceptionCode.APPROVER_CHANGED_CASE,
    );
  }

  private async checkFresh(row: ShareRequest, intelCase: IntelCase | null): Promise<void> {
    const latestPolicy = (await this.policies.latest(row.partnerId))?.version ?? null;
    const reasons: string[] = [];
    if (intelCase && intelCase.revision !== row.caseRevision)
      reasons.push(`the case changed (revision ${row.caseRevision} → ${intelCase.revision})`);
    if (latestPolicy !== row.policyVersion)
      reasons.push(`the policy for ${row.partnerId} changed (version ${row.policyVersion} → ${latestPolicy})`);
    if (reasons.length) {
      throw new SharingException(
        `The preview is stale: ${reasons.join('; ')}. Refresh it (refreshSharePreview) and review the new preview before approving`,
        SharingExceptionCode.STALE_PREVIEW,
      );
    }
  }

  private async views(rows: ShareRequest[]): Promise<ShareRequestView[]> {
    if (rows.length === 0) return [];
    const cases = await this.cases.revisions(rows.flatMap((r) => (r.caseId ? [r.caseId] : [])));
    const policies = await this.policies.latestVersions(rows.map((r) => r.partnerId));
    return rows.map((request) => {
      const intelCase = request.caseId ? cases.get(request.caseId) : undefined;
      const caseChanged = request.caseId !== null && intelCase?.revision !== request.caseRevision;
      const stale =
        request.status === ShareStatus.PENDING_APPROVAL &&
        (caseChanged || (policies.get(request.partnerId) ?? null) !== request.policyVersion);
      return { request, caseReference: intelCase?.reference ?? request.preview?.reference ?? '', stale };
    });
  }
}
