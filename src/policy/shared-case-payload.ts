import type {
  CaseAttachment,
  CaseContent,
  CaseIdentifier,
  CaseRequest,
  CaseTransaction,
  IdentityDocument,
  Person,
} from '../cases/case-content.js';
import { wireValidator } from '../kernel/wire/wire-schemas.js';
import type { OnwardSharing, Purpose } from './sharing-policy.js';

// The redacted case a partner receives: what the liaison officer previews and what gets sealed. It is
// derived from the case model (cases/case-content.ts), so a new case field reaches it without a second
// declaration: every field a policy can withhold or drop is optional, the ones a policy never touches
// stay required, and transformed values are plain strings ("1987", "***", "***123").

/** `Kept` stays as the case has it; every other field may be withheld or transformed. */
type Shared<T, Kept extends keyof T> = Pick<T, Kept> & { [K in Exclude<keyof T, Kept>]?: T[K] };

export type SharedIdentityDocument = Shared<IdentityDocument, 'type'>;
export type SharedPerson = Shared<Omit<Person, 'documents'>, 'id'> & { documents?: SharedIdentityDocument[] };
export type SharedIdentifier = Shared<CaseIdentifier, 'id' | 'type'>;
export type SharedTransaction = Shared<CaseTransaction, 'id' | 'chain' | 'asset'>;
export type SharedAttachment = Shared<CaseAttachment, 'id' | 'mediaType' | 'sha256' | 'bytes'>;
export type SharedRequest = Shared<CaseRequest, 'id' | 'kind'>;

/** What the partner must honour, sealed with the data. */
export type SharingTerms = {
  purpose: Purpose;
  retentionDays: number;
  onwardSharing: OnwardSharing;
};

/** The case's metadata always travels; its lists may be withheld whole. */
export type SharedCasePayload = Pick<
  CaseContent,
  | 'reference'
  | 'title'
  | 'summary'
  | 'offenceCategories'
  | 'tlp'
  | 'handlingCodes'
  | 'sourceReliability'
  | 'informationAccuracy'
> & {
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
 * published schema of this body; the spec beside this file ties these types to it member by member.
 */
export const sharedCasePayloadSchema = wireValidator<SharedCasePayload>('case-body');
