import type {
  CaseAttachment,
  CaseContent,
  CaseIdentifier,
  CaseRequest,
  CaseTransaction,
  IdentityDocument,
  KeptPath,
  Person,
} from '../cases/case-content.js';
import { wireValidator } from '../kernel/wire/wire-schemas.js';
import type { OnwardSharing, Purpose } from './sharing-policy.js';

// The redacted case a partner receives: what the liaison officer previews and what gets sealed. It is
// derived from the case model (cases/case-content.ts): the fields the model keeps stay as the case has
// them, every other field may be withheld or transformed (transformed values are plain strings such as
// "1987", "***", "***123"), and every list of parts may be absent. A new case field needs no line here.

/** The kept fields directly under `Prefix` ('' for the case, 'subjects[].' for a subject). */
type KeptIn<Prefix extends string> = KeptPath extends infer P
  ? P extends `${Prefix}${infer Key}`
    ? Key extends `${string}.${string}` | `${string}[]${string}`
      ? never
      : Key
    : never
  : never;

/** `Kept` stays as the case has it; every other field may be withheld or transformed. */
type Shared<T, Prefix extends string> = Pick<T, KeptIn<Prefix> & keyof T> & {
  [K in Exclude<keyof T, KeptIn<Prefix>>]?: T[K];
};

export type SharedIdentityDocument = Shared<IdentityDocument, 'subjects[].documents[].'>;
export type SharedPerson = Shared<Omit<Person, 'documents'>, 'subjects[].'> & { documents?: SharedIdentityDocument[] };
export type SharedIdentifier = Shared<CaseIdentifier, 'identifiers[].'>;
export type SharedTransaction = Shared<CaseTransaction, 'transactions[].'>;
export type SharedAttachment = Shared<CaseAttachment, 'attachments[].'>;
export type SharedRequest = Shared<CaseRequest, 'requests[].'>;

/** What the partner must honour, sealed with the data. */
export type SharingTerms = {
  purpose: Purpose;
  retentionDays: number;
  onwardSharing: OnwardSharing;
};

type CaseParts = 'subjects' | 'identifiers' | 'transactions' | 'attachments' | 'requests';

/** The case's kept fields always travel; its other fields, and its lists, may be withheld. */
export type SharedCasePayload = Shared<Omit<CaseContent, CaseParts>, ''> & {
  subjects?: SharedPerson[];
  identifiers?: SharedIdentifier[];
  transactions?: SharedTransaction[];
  attachments?: SharedAttachment[];
  requests?: SharedRequest[];
  /** The version of the sender's policy for this partner that shaped the payload. */
  policyVersion: number;
  terms: SharingTerms;
};

/**
 * A receiving node checks the shape of what it decrypted against docs/schemas/case-body.json, the
 * published schema of this body; the spec beside this file ties the model's fields to it member by member.
 */
export const sharedCasePayloadSchema = wireValidator<SharedCasePayload>('case-body');
