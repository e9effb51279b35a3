import { z } from 'zod';
import {
  FREEZABLE_IDENTIFIER_TYPES,
  HANDLING_CODES,
  IDENTIFIER_TYPES,
  OFFENCE_CATEGORIES,
  TLP_LEVELS,
  identifierCategory,
  type DataCategory,
  type IdentifierType,
} from '../kernel/vocabulary/index.js';

// The case content an analyst builds and a partner may receive (a case packet), as plain types and the
// zod schema that validates it. No Nest, no database: the policy engine and the GraphQL layer share it.

/** Admiralty grading: source reliability A–D, information accuracy 1–4. */
export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'D'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITY)[number];
export const INFORMATION_ACCURACY = [1, 2, 3, 4] as const;
export type InformationAccuracy = (typeof INFORMATION_ACCURACY)[number];

export const IDENTITY_DOCUMENT_TYPES = [
  'PASSPORT',
  'NATIONAL_ID',
  'DRIVING_LICENCE',
  'RESIDENCE_PERMIT',
  'OTHER',
] as const;
export type IdentityDocumentType = (typeof IDENTITY_DOCUMENT_TYPES)[number];

export const REQUEST_KINDS = ['FREEZE_REQUEST', 'REQUEST_FOR_INFORMATION'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Attachments are uploaded as files of at most 50 MiB. */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

// ---- schema --------------------------------------------------------------------------------------

// Lone UTF-16 surrogates cannot be canonicalised for signing, so refuse them at the door.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max)
    .refine((s) => !LONE_SURROGATE.test(s), 'must be valid Unicode text');
const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'must be 1-64 letters, digits, "_", ".", ":" or "-"');
const countrySchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as KH')
  .describe('ISO 3166-1 alpha-2.');

const identityDocumentSchema = z.strictObject({
  type: z.enum(IDENTITY_DOCUMENT_TYPES),
  number: text(64),
  issuingCountry: countrySchema,
});

const personSchema = z.strictObject({
  id: idSchema,
  names: z.array(text(200)).min(1, 'a subject needs at least one name').max(20),
  aliases: z.array(text(200)).max(50).default([]),
  dateOfBirth: z.iso
    .date('must be a real date written YYYY-MM-DD')
    .describe('YYYY-MM-DD, or YYYY where a policy generalised it.')
    .optional(),
  nationality: countrySchema.optional(),
  documents: z.array(identityDocumentSchema).max(20).default([]),
});

const identifierSchema = z.strictObject({
  id: idSchema,
  type: z.enum(IDENTIFIER_TYPES),
  value: text(512),
});

const transactionSchema = z.strictObject({
  id: idSchema,
  chain: text(32),
  txHash: text(256),
  from: text(512),
  to: text(512),
  asset: text(32),
  amount: z
    .string()
    .regex(/^\d{1,40}(\.\d{1,30})?$/, 'must be a non-negative decimal string such as "1250.50"')
    .describe('Decimal string, e.g. "1250.50".'),
  time: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2025-03-01T09:30:00Z' })
    .describe('ISO 8601 date-time.'),
});

const attachmentSchema = z.strictObject({
  id: idSchema,
  name: text(255),
  mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type such as application/pdf'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex characters'),
  bytes: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES, 'must be at most 50 MiB'),
});

const requestSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(REQUEST_KINDS),
  targetIdentifierId: idSchema
    .describe('Id of the identifier (wallet or exchange account) a freeze request targets.')
    .optional(),
  text: text(10_000),
});

function uniqueIds(items: { id: string }[], list: string, ctx: z.core.$RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id))
      ctx.addIssue({ code: 'custom', path: [list, index, 'id'], message: `duplicate id "${item.id}"` });
    seen.add(item.id);
  });
}

function uniqueValues<T extends string>(values: T[], path: string, ctx: z.core.$RefinementCtx): void {
  values.forEach((value, index) => {
    if (values.indexOf(value) !== index)
      ctx.addIssue({ code: 'custom', path: [path, index], message: `duplicate "${value}"` });
  });
}

export const caseContentSchema = z
  .strictObject({
    reference: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, 'must be 1-64 letters, digits, ".", "_", "/" or "-"'),
    title: text(300),
    summary: text(20_000).optional(),
    offenceCategories: z.array(z.enum(OFFENCE_CATEGORIES)).min(1, 'a case needs at least one offence category'),
    tlp: z.enum(TLP_LEVELS),
    handlingCodes: z.array(z.enum(HANDLING_CODES)).default([]),
    sourceReliability: z.enum(SOURCE_RELIABILITY),
    informationAccuracy: z.literal(INFORMATION_ACCURACY, 'must be 1, 2, 3 or 4'),
    subjects: z.array(personSchema).max(500).default([]),
    identifiers: z.array(identifierSchema).max(10_000).default([]),
    transactions: z.array(transactionSchema).max(10_000).default([]),
    attachments: z.array(attachmentSchema).max(1_000).default([]),
    requests: z.array(requestSchema).max(100).default([]),
  })
  .superRefine((content, ctx) => {
    uniqueValues(content.offenceCategories, 'offenceCategories', ctx);
    uniqueValues(content.handlingCodes, 'handlingCodes', ctx);
    for (const list of ['subjects', 'identifiers', 'transactions', 'attachments', 'requests'] as const) {
      uniqueIds(content[list], list, ctx);
    }
    const identifiers = new Map(content.identifiers.map((identifier) => [identifier.id, identifier]));
    content.requests.forEach((request, index) => {
      const path = ['requests', index, 'targetIdentifierId'];
      if (request.targetIdentifierId === undefined) {
        if (request.kind === 'FREEZE_REQUEST') {
          ctx.addIssue({ code: 'custom', path, message: 'a freeze request must name the identifier to freeze' });
        }
        return;
      }
      const target = identifiers.get(request.targetIdentifierId);
      if (!target) {
        ctx.addIssue({ code: 'custom', path, message: `no identifier "${request.targetIdentifierId}" in this case` });
      } else if (request.kind === 'FREEZE_REQUEST' && !FREEZABLE_IDENTIFIER_TYPES.includes(target.type)) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `a freeze request must target a wallet or exchange account, not ${target.type}`,
        });
      }
    });
  });

export type CaseContentInput = z.input<typeof caseContentSchema>;

// The model's types are the schema's output: declared once, so they cannot drift apart.
/** A case as stored and edited: the schema's output, with defaults applied. */
export type CaseContent = z.output<typeof caseContentSchema>;
export type IdentityDocument = z.output<typeof identityDocumentSchema>;
export type Person = z.output<typeof personSchema>;
/** Format checks per type live with the identifier normalisation, not here. */
export type CaseIdentifier = z.output<typeof identifierSchema>;
/** `amount` is a non-negative decimal string, never a float; `time` ISO 8601 with offset. */
export type CaseTransaction = z.output<typeof transactionSchema>;
/** `sha256` is lower-case hex; `bytes` the size. */
export type CaseAttachment = z.output<typeof attachmentSchema>;
/** `targetIdentifierId` names the identifier a freeze request targets (required for FREEZE_REQUEST). */
export type CaseRequest = z.output<typeof requestSchema>;

// ---- data categories of case fields ---------------------------------------------------------------

/** Path with list indices blanked: `subjects[0].documents[1].number` → `subjects[].documents[].number`. */
export function genericPath(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

// Keyed by field names with indices stripped; the longest matching prefix decides. `null` marks case
// metadata that always travels (requests follow their target identifier instead of a category).
const PATH_CATEGORIES: ReadonlyMap<string, DataCategory | null | 'BY_IDENTIFIER_TYPE'> = new Map([
  ['reference', null],
  ['title', null],
  ['offenceCategories', null],
  ['tlp', null],
  ['handlingCodes', null],
  ['sourceReliability', null],
  ['informationAccuracy', null],
  ['requests', null],
  ['summary', 'SUMMARY'],
  ['subjects', 'PERSONS'],
  ['subjects.dateOfBirth', 'DATES_OF_BIRTH'],
  ['subjects.documents', 'IDENTITY_DOCUMENTS'],
  ['identifiers', 'BY_IDENTIFIER_TYPE'],
  ['transactions', 'TRANSACTIONS'],
  ['attachments', 'ATTACHMENTS'],
]);

/**
 * The data category a case field belongs to, for concrete (`subjects[0].documents`) or generic
 * (`subjects[].documents[].number`) paths; `null` for case metadata that always travels. Identifier
 * paths depend on the identifier, so they need its type. Throws on a path outside the case model.
 */
export function dataCategoryOf(path: string, identifierType?: IdentifierType): DataCategory | null {
  const segments = path.replace(/\[\d*\]/g, '').split('.');
  for (let length = segments.length; length > 0; length--) {
    const category = PATH_CATEGORIES.get(segments.slice(0, length).join('.'));
    if (category === undefined) continue;
    if (category !== 'BY_IDENTIFIER_TYPE') return category;
    if (identifierType === undefined) throw new TypeError(`the category of "${path}" depends on the identifier type`);
    return identifierCategory(identifierType);
  }
  throw new TypeError(`"${path}" is not a case field`);
}

/**
 * The category a field is gated by itself, on a generic path (`subjects[].dateOfBirth`): `null` for
 * case metadata that always travels, `undefined` when the field only inherits its parent's. The
 * redaction walks the case with this, so a new field sits under its parent's category by default.
 */
export function ownCategoryOf(path: string): DataCategory | null | 'BY_IDENTIFIER_TYPE' | undefined {
  return PATH_CATEGORIES.get(path.replace(/\[\]/g, ''));
}

/**
 * Fields that reach a partner exactly as written whenever their part does: what the partner needs to
 * read the rest (ids, kinds, the case's markings). Every other field of the model is transformable
 * (below); a spec checks that each field is one or the other, so a new field cannot travel unclassified.
 */
export const KEPT_FIELDS = [
  'reference',
  'title',
  'offenceCategories',
  'tlp',
  'handlingCodes',
  'sourceReliability',
  'informationAccuracy',
  'subjects[].id',
  'subjects[].documents[].type',
  'identifiers[].id',
  'identifiers[].type',
  'transactions[].id',
  'transactions[].chain',
  'transactions[].asset',
  'attachments[].id',
  'attachments[].mediaType',
  'attachments[].sha256',
  'attachments[].bytes',
  'requests[].id',
  'requests[].kind',
  'requests[].targetIdentifierId',
] as const;
export type KeptPath = (typeof KEPT_FIELDS)[number];

/** What shape a transformable field has, which decides the transforms that make sense on it. */
export type FieldKind = 'text' | 'text-list' | 'date' | 'date-time' | 'list';

/**
 * Fields a policy may transform, parents before children (the evaluation applies them in this order,
 * so dropping `subjects[].documents` makes a transform on `subjects[].documents[].number` moot).
 */
export const TRANSFORMABLE_FIELDS = {
  summary: 'text',
  'subjects[].names': 'text-list',
  'subjects[].aliases': 'text-list',
  'subjects[].dateOfBirth': 'date',
  'subjects[].nationality': 'text',
  'subjects[].documents': 'list',
  'subjects[].documents[].number': 'text',
  'subjects[].documents[].issuingCountry': 'text',
  'identifiers[].value': 'text',
  'transactions[].txHash': 'text',
  'transactions[].from': 'text',
  'transactions[].to': 'text',
  'transactions[].amount': 'text',
  'transactions[].time': 'date-time',
  'attachments[].name': 'text',
  'requests[].text': 'text',
} as const satisfies Record<string, FieldKind>;
export type TransformablePath = keyof typeof TRANSFORMABLE_FIELDS;
export const TRANSFORMABLE_PATHS = Object.keys(TRANSFORMABLE_FIELDS) as TransformablePath[];
