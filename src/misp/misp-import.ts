import { z } from 'zod';
import {
  OFFENCE_CATEGORIES,
  tlpRank,
  type IdentifierType,
  type OffenceCategory,
  type Tlp,
} from '../kernel/vocabulary/index.js';
import { validateIdentifier } from '../identifiers/identifier-validation.js';
import { reasonCategory } from '../identifiers/validation-result.js';
import type { ImportCandidate, ImportPlan, ImportRefusal } from '../stix/stix-import.js';
import type { Severity } from '../watchlist/watchlist-entry.js';
import { ADDRESS_CRYPTO, ATTRIBUTE_IDENTIFIERS, TLP1_TAGS, TLP_TAGS } from './misp-format.js';

// A MISP event (core format JSON) → what could be imported: every actionable attribute (to_ids)
// whose type names an identifier of the node, standalone or in an object (a coin-address's address),
// validated and normalised like an analyst's input; the rest refused with the reason or counted as
// context. The same plan a STIX bundle gives, so StixImportService.apply writes it by the same rules.

const text = z.string().max(100_000);
const tagSchema = z.looseObject({ name: z.string().min(1).max(255) });
const attributeSchema = z.looseObject({
  uuid: z.string().regex(/^[0-9a-fA-F-]{36}$/, 'must be a UUID'),
  type: z.string().min(1).max(100),
  value: text,
  category: z.string().max(100).optional(),
  to_ids: z.boolean().optional(),
  deleted: z.boolean().optional(),
  comment: text.optional(),
  object_relation: z.string().max(100).nullable().optional(),
  Tag: z.array(tagSchema).optional(),
});
const eventSchema = z.looseObject({
  uuid: z.string().regex(/^[0-9a-fA-F-]{36}$/, 'must be a UUID'),
  info: text,
  threat_level_id: z.union([z.string(), z.number()]).optional(),
  Tag: z.array(tagSchema).optional(),
  Attribute: z.array(attributeSchema).max(50_000).optional(),
  Object: z
    .array(
      z.looseObject({
        name: z.string().max(100),
        deleted: z.boolean().optional(),
        Attribute: z.array(attributeSchema).max(1000).optional(),
      }),
    )
    .max(10_000)
    .optional(),
});

export class InvalidMispEventError extends Error {}

type Attribute = z.infer<typeof attributeSchema>;

const THREAT_SEVERITY: Readonly<Record<string, Severity>> = { '1': 'HIGH', '2': 'MEDIUM', '3': 'LOW' };

/** fed-node:offence="online-scam" (what the node's export writes) or fed-node:offence=online-scam. */
function offenceOf(tags: readonly { name: string }[]): OffenceCategory | undefined {
  for (const { name } of tags) {
    const match = /^fed-node:offence="?([a-z-]+)"?$/.exec(name);
    const category = match?.[1].toUpperCase().replace(/-/g, '_');
    if (category && OFFENCE_CATEGORIES.includes(category as OffenceCategory)) return category as OffenceCategory;
  }
  return undefined;
}

function tlpOf(tags: readonly { name: string }[]): Tlp | undefined {
  let strictest: Tlp | undefined;
  for (const { name } of tags) {
    const lower = name.toLowerCase();
    const tlp = (Object.keys(TLP_TAGS) as Tlp[]).find((t) => TLP_TAGS[t] === lower) ?? TLP1_TAGS[lower];
    if (tlp && (!strictest || tlpRank(tlp) > tlpRank(strictest))) strictest = tlp;
  }
  return strictest;
}

function identifierOf(attribute: Attribute): { type: IdentifierType; value: string } | { reason: string } {
  const types = ATTRIBUTE_IDENTIFIERS[attribute.type] ?? [];
  let refusal: string | undefined;
  let plausible = false;
  for (const type of types) {
    const result = validateIdentifier(type, attribute.value);
    if (result.valid) return { type, value: result.normalized };
    // Say why it fails as the type its prefix suggests (a TRON address with a bad checksum), not as the first tried.
    const fits = reasonCategory(result.reason) !== 'unknown prefix';
    if (refusal === undefined || (fits && !plausible)) {
      refusal = `not a valid ${types.length > 1 ? `${types.join(' or ')} (as ${type})` : type}: ${result.reason}`;
      plausible = fits;
    }
  }
  return { reason: refusal as string };
}

/** Validates the event's shape (naming the path at fault) and plans the import of its attributes. */
export function planMispImport(document: unknown): ImportPlan {
  const wrapped = typeof document === 'object' && document !== null && 'Event' in document ? document.Event : document;
  const parsed = eventSchema.safeParse(wrapped);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidMispEventError(`not a MISP event: Event.${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const event = parsed.data;
  const eventTags = event.Tag ?? [];
  const attributes = [
    ...(event.Attribute ?? []),
    ...(event.Object ?? []).flatMap((object) =>
      (object.Attribute ?? []).map((a) => {
        const read =
          object.name === 'coin-address' && a.object_relation === 'address-crypto' ? { ...a, type: ADDRESS_CRYPTO } : a;
        return object.deleted ? { ...read, deleted: true } : read;
      }),
    ),
  ];
  const plan: ImportPlan = { candidates: [], refused: [], otherObjects: 0 };
  const seen = new Map<string, string>();
  for (const attribute of attributes) {
    const result = candidateOf(attribute, event.info, eventTags, event.threat_level_id);
    if (result === undefined) plan.otherObjects++;
    else if ('reason' in result) plan.refused.push(result);
    else {
      const key = `${result.identifierType} ${result.value}`;
      const first = seen.get(key);
      if (first)
        plan.refused.push({ objectId: result.objectId, reason: `${key} is already named by ${first} in this event` });
      else {
        seen.set(key, result.objectId);
        plan.candidates.push(result);
      }
    }
  }
  return plan;
}

function candidateOf(
  attribute: Attribute,
  info: string,
  eventTags: readonly { name: string }[],
  threatLevel: string | number | undefined,
): ImportCandidate | ImportRefusal | undefined {
  if (!(attribute.type in ATTRIBUTE_IDENTIFIERS)) return undefined;
  const objectId = attribute.uuid.toLowerCase();
  if (attribute.to_ids !== true) return undefined;
  if (attribute.deleted === true) return { objectId, reason: 'the attribute is deleted' };
  const identifier = identifierOf(attribute);
  if ('reason' in identifier) return { objectId, reason: identifier.reason };
  const tags = [...eventTags, ...(attribute.Tag ?? [])];
  const candidate: ImportCandidate = { objectId, identifierType: identifier.type, value: identifier.value };
  candidate.description = attribute.comment?.trim() || info;
  const offence = offenceOf(tags);
  if (offence) candidate.offenceCategory = offence;
  const severity = THREAT_SEVERITY[String(threatLevel ?? '')];
  if (severity) candidate.severity = severity;
  const tlp = tlpOf(tags);
  if (tlp) candidate.tlp = tlp;
  return candidate;
}
