import { formatTlp, identifierCategory, tlpWithin } from '../kernel/vocabulary/index.js';
import type {
  CaseAttachment,
  CaseContent,
  CaseIdentifier,
  CaseRequest,
  CaseTransaction,
  IdentityDocument,
  Person,
  TransformablePath,
} from '../cases/case-content.js';
import type { DataCategory, OffenceCategory, Tlp } from '../kernel/vocabulary/index.js';
import type {
  SharedAttachment,
  SharedCasePayload,
  SharedIdentifier,
  SharedIdentityDocument,
  SharedPerson,
  SharedRequest,
  SharedTransaction,
  SharingTerms,
} from './shared-case-payload.js';
import type { FieldTransform, InboundPolicy, OnwardSharing, Purpose, SharingPolicy } from './sharing-policy.js';

// The policy engine: pure functions of (case, policy, purpose) and (packet, inbound policy). No I/O,
// no clock, no randomness, so the preview an officer approves can be recomputed byte for byte.

/** A field of the case that does not reach the partner as written; `path` refers to the case itself. */
export interface RemovedField {
  path: string;
  rule: string;
}

export type ShareEvaluation =
  | { decision: 'ALLOW'; policyVersion: number; reasons: string[]; payload: SharedCasePayload; removed: RemovedField[] }
  | { decision: 'DENY'; policyVersion: number; reasons: string[]; payload: null; removed: RemovedField[] };

/** What a masked field carries instead of its value. */
export const MASKED = '***';

/** Applies one transform to one value; `undefined` means the field is dropped. */
export function applyTransform(transform: FieldTransform, value: string): string | undefined {
  switch (transform) {
    case 'DROP':
      return undefined;
    case 'MASK':
      return MASKED;
    case 'GENERALISE_YEAR':
      // Dates and ISO date-times both start with the year as written.
      return /^\d{4}/.test(value) ? value.slice(0, 4) : MASKED;
    case 'LAST_3': {
      // Code points, not UTF-16 units, so a surrogate pair is never split.
      const chars = [...value];
      return chars.length <= 3 ? MASKED : MASKED + chars.slice(-3).join('');
    }
  }
}

const list = (values: readonly string[]): string => values.join(', ');

function categoryRule(category: DataCategory): string {
  return `data category ${category} not allowed`;
}

function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** Collects what was withheld or transformed while the payload is built. */
class Redaction {
  readonly removed: RemovedField[] = [];
  private readonly transforms: ReadonlyMap<TransformablePath, FieldTransform>;
  private readonly allowed: ReadonlySet<DataCategory>;

  constructor(policy: SharingPolicy) {
    this.transforms = new Map(policy.transforms.map((t) => [t.path, t.transform]));
    this.allowed = new Set(policy.dataCategories);
  }

  allows(category: DataCategory): boolean {
    return this.allowed.has(category);
  }

  /** Records the withholding of a whole category at `path` if there was anything there. */
  withhold(path: string, category: DataCategory, present: boolean): void {
    if (present) this.removed.push({ path, rule: categoryRule(category) });
  }

  remove(path: string, rule: string): void {
    this.removed.push({ path, rule });
  }

  transformOf(field: TransformablePath): FieldTransform | undefined {
    return this.transforms.get(field);
  }

  text(value: string | undefined, field: TransformablePath, path: string): string | undefined {
    const transform = this.transforms.get(field);
    if (value === undefined || transform === undefined) return value;
    this.remove(path, `transform ${transform} on ${field}`);
    return applyTransform(transform, value);
  }

  texts(values: readonly string[], field: TransformablePath, path: string): string[] | undefined {
    const transform = this.transforms.get(field);
    if (transform === undefined) return [...values];
    if (values.length === 0) return transform === 'DROP' ? undefined : [];
    this.remove(path, `transform ${transform} on ${field}`);
    return transform === 'DROP' ? undefined : values.map((v) => applyTransform(transform, v) ?? MASKED);
  }
}

function shareDocument(document: IdentityDocument, path: string, r: Redaction): SharedIdentityDocument {
  const out: SharedIdentityDocument = { type: document.type };
  put(out, 'number', r.text(document.number, 'subjects[].documents[].number', `${path}.number`));
  put(
    out,
    'issuingCountry',
    r.text(document.issuingCountry, 'subjects[].documents[].issuingCountry', `${path}.issuingCountry`),
  );
  return out;
}

function sharePerson(person: Person, path: string, r: Redaction): SharedPerson {
  const out: SharedPerson = { id: person.id };
  put(out, 'names', r.texts(person.names, 'subjects[].names', `${path}.names`));
  put(out, 'aliases', r.texts(person.aliases, 'subjects[].aliases', `${path}.aliases`));
  if (r.allows('DATES_OF_BIRTH')) {
    put(out, 'dateOfBirth', r.text(person.dateOfBirth, 'subjects[].dateOfBirth', `${path}.dateOfBirth`));
  } else {
    r.withhold(`${path}.dateOfBirth`, 'DATES_OF_BIRTH', person.dateOfBirth !== undefined);
  }
  put(out, 'nationality', r.text(person.nationality, 'subjects[].nationality', `${path}.nationality`));
  const documentsPath = `${path}.documents`;
  if (!r.allows('IDENTITY_DOCUMENTS')) {
    r.withhold(documentsPath, 'IDENTITY_DOCUMENTS', person.documents.length > 0);
  } else if (r.transformOf('subjects[].documents') === 'DROP') {
    if (person.documents.length > 0) r.remove(documentsPath, 'transform DROP on subjects[].documents');
  } else {
    out.documents = person.documents.map((d, j) => shareDocument(d, `${documentsPath}[${j}]`, r));
  }
  return out;
}

function shareTransaction(tx: CaseTransaction, path: string, r: Redaction): SharedTransaction {
  const out: SharedTransaction = { id: tx.id, chain: tx.chain, asset: tx.asset };
  put(out, 'txHash', r.text(tx.txHash, 'transactions[].txHash', `${path}.txHash`));
  put(out, 'from', r.text(tx.from, 'transactions[].from', `${path}.from`));
  put(out, 'to', r.text(tx.to, 'transactions[].to', `${path}.to`));
  put(out, 'amount', r.text(tx.amount, 'transactions[].amount', `${path}.amount`));
  put(out, 'time', r.text(tx.time, 'transactions[].time', `${path}.time`));
  return out;
}

function shareAttachment(attachment: CaseAttachment, path: string, r: Redaction): SharedAttachment {
  const out: SharedAttachment = {
    id: attachment.id,
    mediaType: attachment.mediaType,
    sha256: attachment.sha256,
    bytes: attachment.bytes,
  };
  put(out, 'name', r.text(attachment.name, 'attachments[].name', `${path}.name`));
  return out;
}

/** Identifiers travel one by one, by category; returns the ids withheld so requests on them go too. */
function shareIdentifiers(
  identifiers: CaseIdentifier[],
  r: Redaction,
): { shared?: SharedIdentifier[]; withheld: Set<string> } {
  const withheld = new Set<string>();
  const shared: SharedIdentifier[] = [];
  identifiers.forEach((identifier, i) => {
    const category = identifierCategory(identifier.type);
    if (!r.allows(category)) {
      r.withhold(`identifiers[${i}]`, category, true);
      withheld.add(identifier.id);
      return;
    }
    const out: SharedIdentifier = { id: identifier.id, type: identifier.type };
    put(out, 'value', r.text(identifier.value, 'identifiers[].value', `identifiers[${i}].value`));
    shared.push(out);
  });
  // With neither identifier category allowed, the key itself stays out of the payload.
  const anyAllowed = r.allows('WALLET_AND_ACCOUNT_IDENTIFIERS') || r.allows('PHONE_AND_HANDLE_IDENTIFIERS');
  return anyAllowed ? { shared, withheld } : { withheld };
}

function shareRequests(requests: CaseRequest[], withheldIdentifiers: Set<string>, r: Redaction): SharedRequest[] {
  const shared: SharedRequest[] = [];
  requests.forEach((request, i) => {
    if (request.targetIdentifierId !== undefined && withheldIdentifiers.has(request.targetIdentifierId)) {
      r.remove(`requests[${i}]`, `its target identifier "${request.targetIdentifierId}" is withheld`);
      return;
    }
    const out: SharedRequest = { id: request.id, kind: request.kind };
    put(out, 'targetIdentifierId', request.targetIdentifierId);
    put(out, 'text', r.text(request.text, 'requests[].text', `requests[${i}].text`));
    shared.push(out);
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

  const payload: SharedCasePayload = {
    reference: content.reference,
    title: content.title,
    offenceCategories,
    tlp: content.tlp,
    handlingCodes: [...content.handlingCodes],
    sourceReliability: content.sourceReliability,
    informationAccuracy: content.informationAccuracy,
    policyVersion,
    terms: sharingTerms(content, policy, purpose, reasons),
  };

  if (r.allows('SUMMARY')) put(payload, 'summary', r.text(content.summary, 'summary', 'summary'));
  else r.withhold('summary', 'SUMMARY', content.summary !== undefined);

  if (r.allows('PERSONS')) payload.subjects = content.subjects.map((p, i) => sharePerson(p, `subjects[${i}]`, r));
  else r.withhold('subjects', 'PERSONS', content.subjects.length > 0);

  const identifiers = shareIdentifiers(content.identifiers, r);
  put(payload, 'identifiers', identifiers.shared);

  if (r.allows('TRANSACTIONS'))
    payload.transactions = content.transactions.map((t, i) => shareTransaction(t, `transactions[${i}]`, r));
  else r.withhold('transactions', 'TRANSACTIONS', content.transactions.length > 0);

  if (r.allows('ATTACHMENTS'))
    payload.attachments = content.attachments.map((a, i) => shareAttachment(a, `attachments[${i}]`, r));
  else r.withhold('attachments', 'ATTACHMENTS', content.attachments.length > 0);

  payload.requests = shareRequests(content.requests, identifiers.withheld, r);

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
