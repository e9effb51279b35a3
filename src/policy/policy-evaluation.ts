import { formatTlp, identifierCategory, tlpWithin } from '../kernel/vocabulary/index.js';
import type { CaseContent, CaseIdentifier, CaseRequest } from '../cases/case-content.js';
import type { OffenceCategory, Tlp } from '../kernel/vocabulary/index.js';
import { Redaction, type CasePart, type RemovedField } from './case-redaction.js';
import type { SharedCasePayload, SharingTerms } from './shared-case-payload.js';
import type { InboundPolicy, OnwardSharing, Purpose, SharingPolicy } from './sharing-policy.js';

// The policy engine: pure functions of (case, policy, purpose) and (packet, inbound policy). No I/O,
// no clock, no randomness, so the preview an officer approves can be recomputed byte for byte.

export type ShareEvaluation =
  | { decision: 'ALLOW'; policyVersion: number; reasons: string[]; payload: SharedCasePayload; removed: RemovedField[] }
  | { decision: 'DENY'; policyVersion: number; reasons: string[]; payload: null; removed: RemovedField[] };

const list = (values: readonly string[]): string => values.join(', ');

/** Identifiers travel one by one, by category; returns the ids withheld so requests on them go too. */
function shareIdentifiers(identifiers: CaseIdentifier[], r: Redaction): { shared?: CasePart[]; withheld: Set<string> } {
  const withheld = new Set<string>();
  const shared: CasePart[] = [];
  identifiers.forEach((identifier, i) => {
    const category = identifierCategory(identifier.type);
    if (!r.allows(category)) {
      r.withhold(`identifiers[${i}]`, category, true);
      withheld.add(identifier.id);
      return;
    }
    shared.push(r.sharePart(identifier, 'identifiers[].', `identifiers[${i}]`));
  });
  // With neither identifier category allowed, the key itself stays out of the payload.
  const anyAllowed = r.allows('WALLET_AND_ACCOUNT_IDENTIFIERS') || r.allows('PHONE_AND_HANDLE_IDENTIFIERS');
  return anyAllowed ? { shared, withheld } : { withheld };
}

function shareRequests(requests: CaseRequest[], withheldIdentifiers: Set<string>, r: Redaction): CasePart[] {
  const shared: CasePart[] = [];
  requests.forEach((request, i) => {
    if (request.targetIdentifierId !== undefined && withheldIdentifiers.has(request.targetIdentifierId)) {
      r.remove(`requests[${i}]`, `its target identifier "${request.targetIdentifierId}" is withheld`);
      return;
    }
    shared.push(r.sharePart(request, 'requests[].', `requests[${i}]`));
  });
  return shared;
}

function denialReasons(content: CaseContent, policy: SharingPolicy, purpose: Purpose): string[] {
  const reasons: string[] = [];
  if (!tlpWithin(content.tlp, policy.tlpCeiling)) {
    reasons.push(`case is ${formatTlp(content.tlp)}, above this partner's ceiling ${formatTlp(policy.tlpCeiling)}`);
  }
  if (!content.offenceCategories.some((c) => policy.offenceCategories.includes(c))) {
    reasons.push(
      `none of the case's offence categories (${list(content.offenceCategories)}) may be shared with this partner ` +
        `(allowed: ${list(policy.offenceCategories)})`,
    );
  }
  if (!policy.purposes.includes(purpose)) {
    reasons.push(`purpose ${purpose} is not allowed for this partner (allowed: ${list(policy.purposes)})`);
  }
  if (purpose === 'PROSECUTION' && content.handlingCodes.includes('INTELLIGENCE_ONLY')) {
    reasons.push('case is marked INTELLIGENCE_ONLY, which rules out sharing it for PROSECUTION');
  }
  return reasons;
}

function sharingTerms(content: CaseContent, policy: SharingPolicy, purpose: Purpose, reasons: string[]): SharingTerms {
  // The case's own handling code is stricter than any partner policy.
  const caseForbidsOnward = content.handlingCodes.includes('NO_ONWARD_SHARING_WITHOUT_PERMISSION');
  const onwardSharing: OnwardSharing =
    policy.onwardSharing.allowed && !caseForbidsOnward
      ? { allowed: true, to: [...policy.onwardSharing.to] }
      : { allowed: false, to: [] };
  if (onwardSharing.allowed) {
    reasons.push(`the partner may relay it to ${list(onwardSharing.to)} only`);
  } else if (policy.onwardSharing.allowed) {
    reasons.push(
      'case is marked NO_ONWARD_SHARING_WITHOUT_PERMISSION: the partner may not relay it, although its policy would allow relaying',
    );
  } else {
    reasons.push('the partner may not share it onward');
  }
  reasons.push(`the partner must delete it after ${policy.retentionDays} days`);
  return { purpose, retentionDays: policy.retentionDays, onwardSharing };
}

/**
 * What `policy` lets its partner receive of `content` for `purpose`: DENY with reasons, or ALLOW with
 * the redacted payload to seal and every withheld or transformed field. Paths in `removed` refer to
 * the case as the analyst wrote it (original indices).
 */
export function evaluateSharePolicy(content: CaseContent, policy: SharingPolicy, purpose: Purpose): ShareEvaluation {
  const policyVersion = policy.version;
  const denial = denialReasons(content, policy, purpose);
  if (denial.length > 0) return { decision: 'DENY', policyVersion, reasons: denial, payload: null, removed: [] };

  const r = new Redaction(policy);
  const reasons = [
    `case is ${formatTlp(content.tlp)}, within this partner's ceiling ${formatTlp(policy.tlpCeiling)}`,
    `purpose ${purpose} is allowed for this partner`,
  ];
  const offenceCategories: OffenceCategory[] = [];
  content.offenceCategories.forEach((category, i) => {
    if (policy.offenceCategories.includes(category)) offenceCategories.push(category);
    else r.remove(`offenceCategories[${i}]`, `offence category ${category} not allowed for this partner`);
  });
  const withheldCategories = content.offenceCategories.filter((c) => !offenceCategories.includes(c));
  reasons.push(
    `offence categories shared: ${list(offenceCategories)}` +
      (withheldCategories.length > 0 ? `; withheld: ${list(withheldCategories)}` : ''),
  );
  const terms = sharingTerms(content, policy, purpose, reasons);

  // The rest of the case is walked in the model's order; these three follow rules of their own.
  let withheldIdentifiers = new Set<string>();
  const shared = r.sharePart(content, '', '', {
    offenceCategories: () => offenceCategories,
    identifiers: () => {
      const identifiers = shareIdentifiers(content.identifiers, r);
      withheldIdentifiers = identifiers.withheld;
      return identifiers.shared;
    },
    requests: () => shareRequests(content.requests, withheldIdentifiers, r),
  });
  // The walk kept every field the model and this policy let through; the wire schema checks the rest.
  const payload = { ...shared, policyVersion, terms } as SharedCasePayload;

  if (r.removed.length > 0)
    reasons.push(`${r.removed.length} field(s) withheld or transformed under policy version ${policyVersion}`);
  return { decision: 'ALLOW', policyVersion, reasons, payload, removed: r.removed };
}

// ---- inbound -------------------------------------------------------------------------------------

/** What the receiving side knows of a verified, decrypted case packet. */
export interface InboundPacketMeta {
  /** The peer that delivered it (authenticated by mutual TLS and the envelope). */
  senderNodeId: string;
  /** The node that signed the payload; differs from the sender when the packet was relayed. */
  originNodeId: string;
  /** This node. */
  receiverNodeId: string;
  tlp: Tlp;
  offenceCategories: OffenceCategory[];
  /** The origin's terms, from the payload. */
  retentionDays: number;
  onwardSharing: OnwardSharing;
}

export type InboundEvaluation =
  | { decision: 'ACCEPT'; policyVersion: number; reasons: string[]; retentionDays: number }
  | { decision: 'REJECT'; policyVersion: number | null; reasons: string[] };

/**
 * Whether we accept a packet under the inbound policy we hold for its sender (`undefined` when we have
 * none): every offence category it names must be one we accept. Accepted packets are kept for the
 * shorter of the origin's retention and our own limit.
 */
export function evaluateInboundPolicy(meta: InboundPacketMeta, policy: InboundPolicy | undefined): InboundEvaluation {
  const sender = meta.senderNodeId;
  if (policy === undefined) {
    return {
      decision: 'REJECT',
      policyVersion: null,
      reasons: [`there is no inbound policy for ${sender}: nothing is accepted from it`],
    };
  }
  if (policy.partnerId !== sender) {
    return {
      decision: 'REJECT',
      policyVersion: policy.version,
      reasons: [`the inbound policy is for ${policy.partnerId}, but the packet came from ${sender}`],
    };
  }
  const reasons: string[] = [];
  if (meta.originNodeId !== sender) {
    if (!policy.acceptRelayed) {
      reasons.push(
        `packet originated at ${meta.originNodeId} and was relayed by ${sender}; we do not accept packets relayed by ${sender}`,
      );
    }
    if (!meta.onwardSharing.allowed || !meta.onwardSharing.to.includes(meta.receiverNodeId)) {
      reasons.push(`${meta.originNodeId} did not allow ${sender} to relay this packet to ${meta.receiverNodeId}`);
    }
  }
  if (!tlpWithin(meta.tlp, policy.tlpCeiling)) {
    reasons.push(
      `packet is ${formatTlp(meta.tlp)}, above what we accept from ${sender} (${formatTlp(policy.tlpCeiling)})`,
    );
  }
  // Every category, not one of them: a packet is stored whole, so one refused category refuses it.
  const refused = [...new Set(meta.offenceCategories)].filter((c) => !policy.offenceCategories.includes(c));
  if (refused.length > 0) {
    const what = refused.length === 1 ? `offence category ${refused[0]} is` : `offence categories ${list(refused)} are`;
    reasons.push(`${what} not accepted from ${sender} (accepted: ${list(policy.offenceCategories)})`);
  }
  if (meta.offenceCategories.length === 0) reasons.push('the packet names no offence category');
  if (!Number.isInteger(meta.retentionDays) || meta.retentionDays < 1) {
    reasons.push('packet terms carry no valid retention period');
  }
  if (reasons.length > 0) return { decision: 'REJECT', policyVersion: policy.version, reasons };

  const retentionDays = Math.min(meta.retentionDays, policy.maxRetentionDays);
  return {
    decision: 'ACCEPT',
    policyVersion: policy.version,
    retentionDays,
    reasons: [
      retentionDays < meta.retentionDays
        ? `kept for ${retentionDays} days, our limit for ${sender}, although the origin's terms allow ${meta.retentionDays}`
        : `kept for ${retentionDays} days as the origin's terms say`,
    ],
  };
}
