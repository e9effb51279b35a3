import { z } from 'zod';
import {
  HANDLING_CODES,
  IDENTIFIER_TYPES,
  IDENTITY_DOCUMENT_TYPES,
  INFORMATION_ACCURACY,
  OFFENCE_CATEGORIES,
  REQUEST_KINDS,
  SOURCE_RELIABILITY,
  TLP_LEVELS,
} from '../cases/case-content.js';
import type {
  HandlingCode,
  IdentifierType,
  IdentityDocumentType,
  InformationAccuracy,
  OffenceCategory,
  RequestKind,
  SourceReliability,
  Tlp,
} from '../cases/case-content.js';
import { nodeIdSchema } from '../config/node-config.schema.js';
import { PURPOSES } from './sharing-policy.js';
import type { OnwardSharing, Purpose } from './sharing-policy.js';

// The redacted case a partner receives: what the liaison officer previews and what gets sealed. Every
// field a policy can withhold or drop is optional; transformed values are plain strings ("1987",
// "***", "***123"). Type aliases rather than interfaces, so a payload is assignable to JsonObject.

export type SharedIdentityDocument = {
  type: IdentityDocumentType;
  number?: string;
  issuingCountry?: string;
};

export type SharedPerson = {
  id: string;
  names?: string[];
  aliases?: string[];
  dateOfBirth?: string;
  nationality?: string;
  documents?: SharedIdentityDocument[];
};

export type SharedIdentifier = { id: string; type: IdentifierType; value?: string };

export type SharedTransaction = {
  id: string;
  chain: string;
  asset: string;
  txHash?: string;
  from?: string;
  to?: string;
  amount?: string;
  time?: string;
};

export type SharedAttachment = { id: string; name?: string; mediaType: string; sha256: string; bytes: number };

export type SharedRequest = { id: string; kind: RequestKind; targetIdentifierId?: string; text?: string };

/** What the partner must honour, sealed with the data. */
export type SharingTerms = {
  purpose: Purpose;
  retentionDays: number;
  onwardSharing: OnwardSharing;
};

export type SharedCasePayload = {
  reference: string;
  title: string;
  summary?: string;
  offenceCategories: OffenceCategory[];
  tlp: Tlp;
  handlingCodes: HandlingCode[];
  sourceReliability: SourceReliability;
  informationAccuracy: InformationAccuracy;
  subjects?: SharedPerson[];
  identifiers?: SharedIdentifier[];
  transactions?: SharedTransaction[];
  attachments?: SharedAttachment[];
  requests?: SharedRequest[];
  /** The version of the sender's policy for this partner that shaped the payload. */
  policyVersion: number;
  terms: SharingTerms;
};

// A receiving node checks the shape of what it decrypted; formats were checked by the sender.
const str = (max: number) => z.string().min(1).max(max);

export const sharedCasePayloadSchema = z.strictObject({
  reference: str(64),
  title: str(300),
  summary: str(20_000).optional(),
  offenceCategories: z.array(z.enum(OFFENCE_CATEGORIES)).min(1),
  tlp: z.enum(TLP_LEVELS),
  handlingCodes: z.array(z.enum(HANDLING_CODES)),
  sourceReliability: z.enum(SOURCE_RELIABILITY),
  informationAccuracy: z.literal(INFORMATION_ACCURACY),
  subjects: z
    .array(
      z.strictObject({
        id: str(64),
        names: z.array(str(200)).optional(),
        aliases: z.array(str(200)).optional(),
        dateOfBirth: str(10).optional(),
        nationality: str(8).optional(),
        documents: z
          .array(
            z.strictObject({
              type: z.enum(IDENTITY_DOCUMENT_TYPES),
              number: str(64).optional(),
              issuingCountry: str(8).optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
  identifiers: z
    .array(z.strictObject({ id: str(64), type: z.enum(IDENTIFIER_TYPES), value: str(512).optional() }))
    .optional(),
  transactions: z
    .array(
      z.strictObject({
        id: str(64),
        chain: str(32),
        asset: str(32),
        txHash: str(256).optional(),
        from: str(512).optional(),
        to: str(512).optional(),
        amount: str(72).optional(),
        time: str(64).optional(),
      }),
    )
    .optional(),
  attachments: z
    .array(
      z.strictObject({
        id: str(64),
        name: str(255).optional(),
        mediaType: str(255),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        bytes: z.number().int().min(0),
      }),
    )
    .optional(),
  requests: z
    .array(
      z.strictObject({
        id: str(64),
        kind: z.enum(REQUEST_KINDS),
        targetIdentifierId: str(64).optional(),
        text: str(10_000).optional(),
      }),
    )
    .optional(),
  policyVersion: z.number().int().min(1),
  terms: z.strictObject({
    purpose: z.enum(PURPOSES),
    retentionDays: z.number().int().min(1),
    onwardSharing: z.strictObject({ allowed: z.boolean(), to: z.array(nodeIdSchema) }),
  }),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const payloadMatchesSchema: Same<SharedCasePayload, z.output<typeof sharedCasePayloadSchema>> = true;
void payloadMatchesSchema;
