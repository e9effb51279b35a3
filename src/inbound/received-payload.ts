import { validateIdentifier } from '../identifiers/identifier-validation.js';
import type { WireValidator } from '../kernel/wire/wire-schemas.js';
import type { IdentifierType } from '../kernel/vocabulary/index.js';
import { MASKED } from '../policy/case-redaction.js';
import { sharedCasePayloadSchema, type SharedCasePayload } from '../policy/shared-case-payload.js';
import { replyPayloadSchema, type ReplyPayload } from './reply-payload.js';

// What a verified, decrypted case or reply packet must hold before anything of it is stored: its
// type's shape, and identifier values that pass the validators local input passes (src/identifiers/).
// Pure: the inbound service turns a refusal into INVALID_PAYLOAD naming the JSON path at fault.

export type ReceivedContent = SharedCasePayload | ReplyPayload;

/** An identifier of the payload as it is stored for screening and correlation: normalised. */
export interface ReceivedIdentifier {
  type: IdentifierType;
  value: string;
}

export type PayloadCheck =
  { valid: true; content: ReceivedContent; identifiers: ReceivedIdentifier[] } | { valid: false; detail: string };

/** `identifiers[1].value`: the path notation of the policy engine and of the console. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

/**
 * A value the sender's policy transformed (MASK gives `***`, LAST_3 `***` and the last three
 * characters). It is shown as sent but is no identifier, so it is neither validated nor matched.
 */
export function isMaskedValue(value: string): boolean {
  return value === MASKED || (value.startsWith(MASKED) && [...value.slice(MASKED.length)].length === 3);
}

/** Checks the body of a `case` or `reply` packet; the first problem found is the refusal. */
export function checkReceivedPayload(type: 'case' | 'reply', body: unknown): PayloadCheck {
  // The published schemas of these bodies (docs/schemas/case-body.json, reply-body.json).
  const schema: WireValidator<ReceivedContent> = type === 'case' ? sharedCasePayloadSchema : replyPayloadSchema;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return { valid: false, detail: `${type} payload: ${jsonPath(issue.path) || '(body)'}: ${issue.message}` };
  }
  const content = parsed.data;
  const identifiers: ReceivedIdentifier[] = [];
  const listed = 'identifiers' in content ? (content.identifiers ?? []) : [];
  for (const [index, identifier] of listed.entries()) {
    if (identifier.value === undefined || isMaskedValue(identifier.value)) continue;
    const result = validateIdentifier(identifier.type, identifier.value);
    if (!result.valid) {
      const path = jsonPath(['identifiers', index, 'value']);
      return { valid: false, detail: `${type} payload: ${path}: not a valid ${identifier.type}: ${result.reason}` };
    }
    identifiers.push({ type: identifier.type, value: result.normalized });
  }
  return { valid: true, content, identifiers };
}
