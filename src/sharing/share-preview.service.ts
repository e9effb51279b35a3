import { Inject, Injectable } from '@nestjs/common';
import type { IntelCase } from '../cases/entities/intel-case.entity.js';
import { CLOCK, type Clock } from '../common/clock.js';
import type { ReceivedPacket } from '../inbound/entities/received-packet.entity.js';
import { TLP_LEVELS, type OffenceCategory, type Tlp } from '../kernel/vocabulary/index.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { evaluateSharePolicy } from '../policy/policy-evaluation.js';
import { evaluateReplyPolicy, type ReplyDraft } from '../policy/reply-evaluation.js';
import { PURPOSES, type Purpose } from '../policy/sharing-policy.js';
import type { ShareRequest } from './entities/share-request.entity.js';
import { ShareStatus } from './share-status.js';

/** What a reply inherits from the packet it answers: marking, offence categories, retention, purpose. */
export function replyDraftOf(original: ReceivedPacket, text: string): { draft: ReplyDraft; purpose: Purpose } {
  const content = original.content as {
    offenceCategories?: OffenceCategory[];
    retentionDays?: number;
    terms?: { retentionDays?: number; purpose?: string };
  };
  const purpose = content.terms?.purpose;
  const tlp = TLP_LEVELS.includes(original.tlp as Tlp) ? (original.tlp as Tlp) : 'AMBER';
  return {
    draft: {
      ...(original.caseReference ? { reference: original.caseReference } : {}),
      text,
      tlp,
      offenceCategories: content.offenceCategories ?? [],
      retentionDays: content.terms?.retentionDays ?? content.retentionDays ?? 365,
    },
    // A reply serves the purpose of the packet it answers.
    purpose: PURPOSES.includes(purpose as Purpose) ? (purpose as Purpose) : 'INVESTIGATION',
  };
}

/**
 * Computes what a share or a reply would leave as, under the partner's current outbound policy: the
 * same policy engine for both, so a reply gets a preview, transforms and DENY reasons like a share.
 */
@Injectable()
export class SharePreviewService {
  constructor(
    private readonly policies: PartnerPolicyService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async ofCase(row: ShareRequest, intelCase: IntelCase): Promise<void> {
    const policy = await this.policies.outboundFor(row.partnerId);
    row.caseRevision = intelCase.revision;
    row.previewComputedAt = this.clock.now();
    if (!policy) return this.noPolicy(row);
    const evaluation = evaluateSharePolicy(intelCase.content, policy, row.purpose as Purpose);
    Object.assign(row, {
      status: evaluation.decision === 'ALLOW' ? ShareStatus.PENDING_APPROVAL : ShareStatus.DENIED_BY_POLICY,
      policyVersion: evaluation.policyVersion,
      policyReasons: evaluation.reasons,
      preview: evaluation.payload,
      removed: evaluation.removed,
    });
  }

  async ofReply(row: ShareRequest, draft: ReplyDraft): Promise<void> {
    const policy = await this.policies.outboundFor(row.partnerId);
    row.previewComputedAt = this.clock.now();
    if (!policy) return this.noPolicy(row);
    const evaluation = evaluateReplyPolicy(draft, policy, row.purpose as Purpose);
    Object.assign(row, {
      status: evaluation.decision === 'ALLOW' ? ShareStatus.PENDING_APPROVAL : ShareStatus.DENIED_BY_POLICY,
      policyVersion: evaluation.policyVersion,
      policyReasons: [`reply to ${row.partnerId}'s packet ${row.inReplyTo ?? ''}`, ...evaluation.reasons],
      preview: evaluation.payload,
      removed: evaluation.removed,
    });
  }

  private async noPolicy(row: ShareRequest): Promise<void> {
    Object.assign(row, {
      status: ShareStatus.DENIED_BY_POLICY,
      policyVersion: (await this.policies.latest(row.partnerId))?.version ?? null,
      policyReasons: [`there is no outbound policy for ${row.partnerId}: nothing may be shared with it`],
      preview: null,
      removed: [],
    });
  }
}

/** A reply requested before drafts were kept: its unredacted preview was the draft. */
export function legacyReplyDraft(row: ShareRequest): ReplyDraft {
  const preview = (row.preview ?? {}) as Partial<ReplyDraft>;
  return {
    ...(preview.reference ? { reference: preview.reference } : {}),
    text: preview.text ?? '',
    tlp: preview.tlp ?? 'AMBER',
    offenceCategories: preview.offenceCategories ?? [],
    retentionDays: preview.retentionDays ?? 365,
  };
}
