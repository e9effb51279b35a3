import { createHash } from 'node:crypto';
import { validateIdentifier } from '../identifiers/index.js';
import type { IdentifierType } from '../kernel/vocabulary/index.js';
import type { FreezeAnswerBody, FreezeRequestBody, HitReportBody } from './freeze-wire.js';
import {
  FREEZE_ANSWER_PACKET,
  FREEZE_REQUEST_PACKET,
  HIT_REPORT_PACKET,
  type FreezeWirePacketType,
} from './freeze-wire.js';
import { wireSchemaProblem } from './wire-schemas.js';

// What the schemas cannot say: cross-field rules of a body. Each check returns the first problem as
// "<pointer>: <what is wrong>", or undefined.

type Checked<T> = { ok: true; body: T } | { ok: false; problem: string };

function schemaChecked<T>(type: FreezeWirePacketType, body: unknown): Checked<T> {
  const problem = wireSchemaProblem(type, body);
  return problem ? { ok: false, problem: `${problem.pointer}: ${problem.message}` } : { ok: true, body: body as T };
}

function duplicate(values: readonly string[]): number {
  const seen = new Set<string>();
  return values.findIndex((value) => (seen.has(value) ? true : (seen.add(value), false)));
}

/** The value is what the node's validator makes of it: every node screens and matches that form. */
export function identifierProblem(type: IdentifierType, value: string): string | undefined {
  const validation = validateIdentifier(type, value);
  if (!validation.valid) return validation.reason;
  return validation.normalized === value ? undefined : `not in normalised form (${validation.normalized})`;
}

export function checkFreezeRequestBody(raw: unknown, maxOrderBytes: number): Checked<FreezeRequestBody> {
  const checked = schemaChecked<FreezeRequestBody>(FREEZE_REQUEST_PACKET, raw);
  if (!checked.ok) return checked;
  const body = checked.body;
  const twice = duplicate(body.targets.map((t) => t.targetId));
  if (twice >= 0) return { ok: false, problem: `/targets/${twice}/targetId: used twice` };
  for (const [index, target] of body.targets.entries()) {
    const problem = identifierProblem(target.identifierType, target.value);
    if (problem) return { ok: false, problem: `/targets/${index}/value: ${problem}` };
  }
  const { order } = body.legalBasis;
  if (order.bytes > maxOrderBytes)
    return { ok: false, problem: `/legalBasis/order/bytes: larger than the ${maxOrderBytes} bytes this node takes` };
  const content = Buffer.from(order.content, 'base64');
  if (content.length !== order.bytes)
    return { ok: false, problem: `/legalBasis/order/content: ${content.length} bytes, not ${order.bytes}` };
  if (createHash('sha256').update(content).digest('hex') !== order.sha256)
    return { ok: false, problem: '/legalBasis/order/content: its SHA-256 is not legalBasis.order.sha256' };
  return checked;
}

/** An answer names only targets of the request it answers, each once. */
export function checkFreezeAnswerBody(raw: unknown, requestTargets?: readonly string[]): Checked<FreezeAnswerBody> {
  const checked = schemaChecked<FreezeAnswerBody>(FREEZE_ANSWER_PACKET, raw);
  if (!checked.ok) return checked;
  const ids = checked.body.answers.map((a) => a.targetId);
  const twice = duplicate(ids);
  if (twice >= 0) return { ok: false, problem: `/answers/${twice}/targetId: answered twice in one answer` };
  if (requestTargets) {
    const unknown = ids.findIndex((id) => !requestTargets.includes(id));
    if (unknown >= 0)
      return { ok: false, problem: `/answers/${unknown}/targetId: the request has no target ${ids[unknown]}` };
  }
  for (const [index, answer] of checked.body.answers.entries()) {
    if (answer.frozenUntil && answer.at && answer.frozenUntil <= answer.at)
      return { ok: false, problem: `/answers/${index}/frozenUntil: must be after "at"` };
  }
  return checked;
}

/** A hit report names only entries of its recipient (`self`), in normalised form, each hit once. */
export function checkHitReportBody(raw: unknown, self: string): Checked<HitReportBody> {
  const checked = schemaChecked<HitReportBody>(HIT_REPORT_PACKET, raw);
  if (!checked.ok) return checked;
  const twice = duplicate(checked.body.hits.map((h) => h.hitId));
  if (twice >= 0) return { ok: false, problem: `/hits/${twice}/hitId: reported twice in one packet` };
  for (const [index, hit] of checked.body.hits.entries()) {
    if (hit.entry.origin !== self)
      return { ok: false, problem: `/hits/${index}/entry/origin: ${hit.entry.origin} is not this node (${self})` };
    const problem = identifierProblem(hit.identifierType, hit.value);
    if (problem) return { ok: false, problem: `/hits/${index}/value: ${problem}` };
  }
  return checked;
}
