import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedOfficer } from '../auth/authenticated-officer.js';
import { CaseService } from '../cases/case.service.js';
import type { IntelCase } from '../cases/entities/intel-case.entity.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { InputException } from '../common/errors/input.exception.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import type { JsonValue } from '../envelope/canonical-json.js';
import { PacketSealerService } from '../envelope/packet-sealer.service.js';
import { DeliveryService } from '../federation/delivery.service.js';
import { InboundPacketService } from '../inbound/inbound-packet.service.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { evaluateSharePolicy } from '../policy/policy-evaluation.js';
import { PURPOSES, type Purpose } from '../policy/sharing-policy.js';
import { OutboundPacket } from './entities/outbound-packet.entity.js';
import { ShareRequest } from './entities/share-request.entity.js';
import { ShareStatus } from './share-status.js';
import { SharingException, SharingExceptionCode } from './sharing.exception.js';

/** A share request with what is needed to show it: the case reference and whether its preview is stale. */
export interface ShareRequestView {
  request: ShareRequest;
  caseReference: string;
  stale: boolean;
}

@Injectable()
export class ShareRequestService {
  constructor(
    @InjectRepository(ShareRequest) private readonly requests: Repository<ShareRequest>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CaseService,
    private readonly policies: PartnerPolicyService,
    private readonly sealer: PacketSealerService,
    private readonly inbound: InboundPacketService,
    private readonly deliveries: DeliveryService,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  policyVersionLabel(partnerId: string, version: number): string {
    return this.policies.policyVersionLabel(partnerId, version);
  }

  /** One request per partner, each with its redacted preview computed now under the partner's policy. */
  async request(caseId: string, partnerIds: string[], purpose: string, note: string | undefined, officer: AuthenticatedOfficer): Promise<ShareRequestView[]> {
    if (partnerIds.length === 0) throw new InputException('partnerIds', 'name at least one partner');
    const unknown = partnerIds.filter((id) => !this.config.peers.some((peer) => peer.id === id));
    if (unknown.length) throw new InputException('partnerIds', `not configured peers of ${this.config.id}: ${unknown.join(', ')}`);
    if (!PURPOSES.includes(purpose as Purpose)) throw new InputException('purpose', `must be one of ${PURPOSES.join(', ')}`);
    if (note !== undefined && note.length > 2000) throw new InputException('note', 'must be at most 2000 characters');
    const intelCase = await this.cases.get(caseId);
    const views: ShareRequestView[] = [];
    for (const partnerId of [...new Set(partnerIds)]) {
      const row = this.requests.create({ caseId, partnerId, purpose, note: note ?? null, requestedBy: officer.username });
      await this.computePreview(row, intelCase);
      const saved = await this.db.transaction(async (manager) => {
        const stored = await manager.getRepository(ShareRequest).save(row);
        await this.audit.record(this.shareEvent(AuditEventType.SHARE_REQUESTED, stored, officer.username, intelCase.reference), manager);
        return stored;
      });
      this.logger.info(
        { event: 'share.requested', shareRequestId: saved.id, caseId, partnerId, status: saved.status, by: officer.username },
        `share of case ${intelCase.reference} with ${partnerId} requested: ${saved.status}`,
      );
      views.push({ request: saved, caseReference: intelCase.reference, stale: false });
    }
    return views;
  }

  /** An answer to a partner's packet (e.g. a freeze request): it leaves only after the same four-eyes approval. */
  async requestReply(packetId: string, text: string, officer: AuthenticatedOfficer): Promise<ShareRequestView> {
    if (!text.trim()) throw new InputException('text', 'write the reply');
    if (text.length > 20_000) throw new InputException('text', 'must be at most 20000 characters');
    const original = await this.inbound.getByPacketId(packetId);
    if (!original) throw new SharingException(`No received packet ${packetId} to reply to`, SharingExceptionCode.SHARE_NOT_FOUND);
    const content = original.content as { offenceCategories?: string[]; terms?: { retentionDays?: number } };
    const policy = await this.policies.outboundFor(original.originNode);
    const preview = {
      kind: 'reply',
      reference: original.caseReference ?? undefined,
      text: text.trim(),
      tlp: original.tlp ?? 'AMBER',
      offenceCategories: content.offenceCategories ?? [],
      retentionDays: Math.min(content.terms?.retentionDays ?? 365, policy?.retentionDays ?? 365),
    };
    const row = this.requests.create({
      kind: 'REPLY',
      caseId: null,
      inReplyTo: packetId,
      partnerId: original.originNode,
      purpose: 'INVESTIGATION',
      note: null,
      requestedBy: officer.username,
      caseRevision: 0,
      previewComputedAt: this.clock.now(),
      status: policy ? ShareStatus.PENDING_APPROVAL : ShareStatus.DENIED_BY_POLICY,
      policyVersion: policy?.version ?? null,
      policyReasons: policy ? [`reply to ${original.originNode}'s packet ${packetId}`] : [`there is no outbound policy for ${original.originNode}`],
      preview: policy ? (preview as unknown as ShareRequest['preview']) : null,
      removed: [],
    });
    const saved = await this.db.transaction(async (manager) => {
      const stored = await manager.getRepository(ShareRequest).save(row);
      await this.audit.record(this.shareEvent(AuditEventType.SHARE_REQUESTED, stored, officer.username, original.caseReference), manager);
      return stored;
    });
    this.logger.info({ event: 'share.reply_requested', shareRequestId: saved.id, inReplyTo: packetId, by: officer.username }, 'reply requested');
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

  async get(id: string): Promise<ShareRequestView> {
    const row = await this.requests.findOneBy({ id });
    if (!row) throw new SharingException(`No share request ${id}`, SharingExceptionCode.SHARE_NOT_FOUND);
    return (await this.views([row]))[0];
  }

  /** Recomputes a pending preview from the current case and policy, so that an officer can approve it. */
  async refresh(id: string): Promise<ShareRequestView> {
    return this.db.transaction(async (manager) => {
      const row = await this.pending(manager, id);
      if (row.caseId === null) {
        row.policyVersion = (await this.policies.latest(row.partnerId))?.version ?? null;
        row.previewComputedAt = this.clock.now();
        return { request: await manager.getRepository(ShareRequest).save(row), caseReference: row.preview?.reference ?? '', stale: false };
      }
      const intelCase = await this.cases.lockedCase(manager, row.caseId);
      await this.computePreview(row, intelCase);
      const saved = await manager.getRepository(ShareRequest).save(row);
      return { request: saved, caseReference: intelCase.reference, stale: false };
    });
  }

  /** Seals exactly the stored preview and queues it; refused for one's own request or a stale preview. */
  async approve(id: string, comment: string | undefined, officer: AuthenticatedOfficer): Promise<ShareRequestView> {
    const view = await this.db.transaction(async (manager) => {
      const row = await this.pending(manager, id);
      this.checkFourEyes(row, officer);
      const intelCase = row.caseId === null ? null : await this.cases.lockedCase(manager, row.caseId);
      await this.checkFresh(row, intelCase);
      if (!row.preview || row.policyVersion === null) throw new Error(`share request ${id} is pending without a preview`);
      const type = row.kind === 'REPLY' ? 'reply' : 'case';
      const packet = await this.sealer.seal({
        type,
        to: [row.partnerId],
        body: row.preview as unknown as JsonValue,
        policyVersion: this.policies.policyVersionLabel(row.partnerId, row.policyVersion),
        inReplyTo: row.inReplyTo ?? undefined,
      }, manager);
      await manager.getRepository(OutboundPacket).insert({
        packetId: packet.header.packetId,
        partnerId: row.partnerId,
        shareRequestId: row.id,
        type,
        packet,
      });
      await this.deliveries.enqueue(manager, packet.header.packetId, row.partnerId);
      Object.assign(row, {
        status: ShareStatus.APPROVED,
        decidedBy: officer.username,
        decisionComment: comment?.trim() || null,
        decidedAt: this.clock.now(),
        packetId: packet.header.packetId,
      });
      const saved = await manager.getRepository(ShareRequest).save(row);
      const caseReference = intelCase?.reference ?? row.preview.reference;
      await this.audit.record(this.shareEvent(AuditEventType.SHARE_APPROVED, saved, officer.username, caseReference), manager);
      return { request: saved, caseReference, stale: false };
    });
    this.logger.info(
      { event: 'share.approved', shareRequestId: id, packetId: view.request.packetId, partnerId: view.request.partnerId, by: officer.username },
      `share ${id} approved and sealed as packet ${view.request.packetId}`,
    );
    return view;
  }

  async reject(id: string, reason: string, officer: AuthenticatedOfficer): Promise<ShareRequestView> {
    if (!reason.trim()) throw new InputException('reason', 'say why the share is rejected');
    if (reason.length > 2000) throw new InputException('reason', 'must be at most 2000 characters');
    const saved = await this.db.transaction(async (manager) => {
      const row = await this.pending(manager, id);
      this.checkFourEyes(row, officer);
      Object.assign(row, { status: ShareStatus.REJECTED, decidedBy: officer.username, decisionComment: reason.trim(), decidedAt: this.clock.now() });
      const stored = await manager.getRepository(ShareRequest).save(row);
      await this.audit.record(this.shareEvent(AuditEventType.SHARE_REJECTED, stored, officer.username), manager);
      return stored;
    });
    this.logger.info({ event: 'share.rejected', shareRequestId: id, by: officer.username }, `share ${id} rejected`);
    return (await this.views([saved]))[0];
  }

  async withdraw(id: string, officer: AuthenticatedOfficer): Promise<ShareRequestView> {
    const saved = await this.db.transaction(async (manager) => {
      const row = await this.pending(manager, id);
      if (row.requestedBy !== officer.username) {
        throw new SharingException('Only the analyst who requested a share can withdraw it', SharingExceptionCode.NOT_REQUESTER);
      }
      Object.assign(row, { status: ShareStatus.WITHDRAWN, decidedAt: this.clock.now() });
      const stored = await manager.getRepository(ShareRequest).save(row);
      await this.audit.record(this.shareEvent(AuditEventType.SHARE_WITHDRAWN, stored, officer.username), manager);
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
        policyVersion: row.policyVersion === null ? null : this.policies.policyVersionLabel(row.partnerId, row.policyVersion),
        requestedBy: row.requestedBy,
        decidedBy: row.decidedBy ?? undefined,
        packetId: row.packetId ?? undefined,
      },
    };
  }

  private async computePreview(row: ShareRequest, intelCase: IntelCase): Promise<void> {
    const policy = await this.policies.outboundFor(row.partnerId);
    row.caseRevision = intelCase.revision;
    row.previewComputedAt = this.clock.now();
    if (!policy) {
      Object.assign(row, {
        status: ShareStatus.DENIED_BY_POLICY,
        policyVersion: (await this.policies.latest(row.partnerId))?.version ?? null,
        policyReasons: [`there is no outbound policy for ${row.partnerId}: nothing may be shared with it`],
        preview: null,
        removed: [],
      });
      return;
    }
    const evaluation = evaluateSharePolicy(intelCase.content, policy, row.purpose as Purpose);
    Object.assign(row, {
      status: evaluation.decision === 'ALLOW' ? ShareStatus.PENDING_APPROVAL : ShareStatus.DENIED_BY_POLICY,
      policyVersion: evaluation.policyVersion,
      policyReasons: evaluation.reasons,
      preview: evaluation.payload,
      removed: evaluation.removed,
    });
  }

  private async pending(manager: EntityManager, id: string): Promise<ShareRequest> {
    const row = await manager.getRepository(ShareRequest).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new SharingException(`No share request ${id}`, SharingExceptionCode.SHARE_NOT_FOUND);
    if (row.status !== ShareStatus.PENDING_APPROVAL) {
      throw new SharingException(`Share request ${id} is ${row.status}, not PENDING_APPROVAL`, SharingExceptionCode.NOT_PENDING);
    }
    return row;
  }

  private checkFourEyes(row: ShareRequest, officer: AuthenticatedOfficer): void {
    if (row.requestedBy === officer.username) {
      throw new SharingException('A share must be decided by an officer other than the one who requested it', SharingExceptionCode.OWN_REQUEST);
    }
  }

  private async checkFresh(row: ShareRequest, intelCase: IntelCase | null): Promise<void> {
    const latestPolicy = (await this.policies.latest(row.partnerId))?.version ?? null;
    const reasons: string[] = [];
    if (intelCase && intelCase.revision !== row.caseRevision) reasons.push(`the case changed (revision ${row.caseRevision} → ${intelCase.revision})`);
    if (latestPolicy !== row.policyVersion) reasons.push(`the policy for ${row.partnerId} changed (version ${row.policyVersion} → ${latestPolicy})`);
    if (reasons.length) {
      throw new SharingException(
        `The preview is stale: ${reasons.join('; ')}. Refresh it (refreshSharePreview) and review the new preview before approving`,
        SharingExceptionCode.STALE_PREVIEW,
      );
    }
  }

  private async views(rows: ShareRequest[]): Promise<ShareRequestView[]> {
    if (rows.length === 0) return [];
    const caseRows = (await this.db.query('SELECT id, reference, revision FROM intel_case WHERE id = ANY($1)', [
      [...new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : [])))],
    ])) as { id: string; reference: string; revision: number }[];
    const cases = new Map(caseRows.map((c) => [c.id, c]));
    const policyRows = (await this.db.query('SELECT partner_id, max(version)::int AS version FROM partner_policy WHERE partner_id = ANY($1) GROUP BY partner_id', [
      [...new Set(rows.map((r) => r.partnerId))],
    ])) as { partner_id: string; version: number }[];
    const policies = new Map(policyRows.map((p) => [p.partner_id, p.version]));
    return rows.map((request) => {
      const intelCase = request.caseId ? cases.get(request.caseId) : undefined;
      const caseChanged = request.caseId !== null && intelCase?.revision !== request.caseRevision;
      const stale =
        request.status === ShareStatus.PENDING_APPROVAL && (caseChanged || (policies.get(request.partnerId) ?? null) !== request.policyVersion);
      return { request, caseReference: intelCase?.reference ?? request.preview?.reference ?? '', stale };
    });
  }
}
