import type { TransformablePath } from '../cases/case-content.js';
import { formatTlp, tlpWithin, type OffenceCategory, type Tlp } from '../kernel/vocabulary/index.js';
import { applyTransform, MASKED, type RemovedField } from './case-redaction.js';
import { findSensitiveSpans, type SensitiveSpan } from './sensitive-text.js';
import type { ReplyPayload } from './shared-reply-payload.js';
import type { FieldTransform, Purpose, SharingPolicy } from './sharing-policy.js';

// A reply leaves through the partner's outbound policy exactly as a case does: pure, so the preview
// an officer approves can be recomputed from the draft byte for byte. A reply carries the marking and
// offence categories of the case it answers, so its reasons use the case's sentences (policy-text.ts).

/** A reply as the analyst wrote it, with the marking and terms of the packet it answers. */
export interface ReplyDraft {
  reference?: string;
  text: string;
  tlp: Tlp;
  offenceCategories: OffenceCategory[];
  /** The retention the answered packet's terms asked for. */
  retentionDays: number;
}

export type ReplyEvaluation =
  | { decision: 'ALLOW'; policyVersion: number; reasons: string[]; payload: ReplyPayload; removed: RemovedField[] }
  | { decision: 'DENY'; policyVersion: number; reasons: string[]; payload: null; removed: RemovedField[] };

const list = (values: readonly string[]): string => values.join(', ');

function denialReasons(draft: ReplyDraft, policy: SharingPolicy, purpose: Purpose): string[] {
  const reasons: string[] = [];
  if (!tlpWithin(draft.tlp, policy.tlpCeiling))
    reasons.push(`case is ${formatTlp(draft.tlp)}, above this partner's ceiling ${formatTlp(policy.tlpCeiling)}`);
  if (!draft.offenceCategories.some((c) => policy.offenceCategories.includes(c)))
    reasons.push(
      `none of the case's offence categories (${list(draft.offenceCategories)}) may be shared with this partner ` +
        `(allowed: ${list(policy.offenceCategories)})`,
    );
  if (!policy.purposes.includes(purpose))
    reasons.push(`purpose ${purpose} is not allowed for this partner (allowed: ${list(policy.purposes)})`);
  return reasons;
}

/** The transform this policy makes of a span of text, or MASKED when its data category is withheld. */
function redactionOf(
  span: SensitiveSpan,
  policy: SharingPolicy,
): { rule: string; transform?: FieldTransform } | undefined {
  const allowed = new Set(policy.dataCategories);
  const transforms = new Map<TransformablePath, FieldTransform>(policy.transforms.map((t) => [t.path, t.transform]));
  const ofPerson = span.field.startsWith('subjects');
  if (!allowed.has(span.category)) return { rule: `data category ${span.category} not allowed` };
  if (ofPerson && !allowed.has('PERSONS')) return { rule: 'data category PERSONS not allowed' };
  if (span.field === 'subjects[].documents[].number' && transforms.get('subjects[].documents') === 'DROP')
    return { rule: 'transform DROP on subjects[].documents' };
  const transform = transforms.get(span.field);
  return transform ? { rule: `transform ${transform} on ${span.field}`, transform } : undefined;
}

/** The text with each governed span withheld or transformed, and what was changed. */
function redactText(text: string, policy: SharingPolicy): { text: string; removed: RemovedField[] } {
  const removed: RemovedField[] = [];
  let out = '';
  let at = 0;
  for (const span of findSensitiveSpans(text)) {
    const redaction = redactionOf(span, policy);
    if (!redaction) continue;
    const value = text.slice(span.start, span.end);
    const replaced =
      redaction.transform === undefined ? MASKED : (applyTransform(redaction.transform, value) ?? MASKED);
    out += text.slice(at, span.start) + replaced;
    at = span.end;
    removed.push({ path: `text[${span.start}:${span.end}]`, rule: redaction.rule });
  }
  return { text: out + text.slice(at), removed };
}

/**
 * What `policy` lets its partner receive of a reply for `purpose` (that of the packet answered):
 * DENY with reasons (marking above the ceiling, no allowed offence category, purpose), or ALLOW with
 * the payload to seal. Offence categories the partner may not receive are withheld; in the text,
 * identifiers, identity document numbers and dates of birth are withheld by data category and
 * transformed as the policy transforms those case fields; a transform of requests[].text applies to
 * the whole text, an answer being the counterpart of a request.
 */
export function evaluateReplyPolicy(draft: ReplyDraft, policy: SharingPolicy, purpose: Purpose): ReplyEvaluation {
  const policyVersion = policy.version;
  const denial = denialReasons(draft, policy, purpose);
  if (denial.length > 0) return { decision: 'DENY', policyVersion, reasons: denial, payload: null, removed: [] };

  const removed: RemovedField[] = [];
  const offenceCategories: OffenceCategory[] = [];
  draft.offenceCategories.forEach((category, i) => {
    if (policy.offenceCategories.includes(category)) offenceCategories.push(category);
    else
      removed.push({
        path: `offenceCategories[${i}]`,
        rule: `offence category ${category} not allowed for this partner`,
      });
  });
  const whole = policy.transforms.find((t) => t.path === 'requests[].text');
  let text: string;
  if (whole) {
    text = applyTransform(whole.transform, draft.text) ?? MASKED;
    removed.push({ path: 'text', rule: `transform ${whole.transform} on requests[].text` });
  } else {
    const redacted = redactText(draft.text, policy);
    text = redacted.text;
    removed.push(...redacted.removed);
  }
  const retentionDays = Math.min(draft.retentionDays, policy.retentionDays);
  const withheld = draft.offenceCategories.filter((c) => !offenceCategories.includes(c));
  const reasons = [
    `case is ${formatTlp(draft.tlp)}, within this partner's ceiling ${formatTlp(policy.tlpCeiling)}`,
    `purpose ${purpose} is allowed for this partner`,
    `offence categories shared: ${list(offenceCategories)}` + (withheld.length ? `; withheld: ${list(withheld)}` : ''),
    `the partner must delete it after ${retentionDays} days`,
  ];
  if (removed.length > 0)
    reasons.push(`${removed.length} field(s) withheld or transformed under policy version ${policyVersion}`);
  const payload: ReplyPayload = {
    kind: 'reply',
    ...(draft.reference === undefined ? {} : { reference: draft.reference }),
    text,
    tlp: draft.tlp,
    offenceCategories,
    retentionDays,
  };
  return { decision: 'ALLOW', policyVersion, reasons, payload, removed };
}
