// The shapes the console reads from the node: each is the part of a GraphQL type it selects, picked
// from the types generated from schema.graphql (schema.generated.ts), so a field the API renames or
// drops fails to compile here instead of showing nothing in a view.
import type * as Gql from './schema.generated';

export type Role = Gql.Role;
export type Me = Pick<Gql.OfficerAccount, 'username' | 'roles'>;
export type NodeInfo = Pick<
  Gql.NodeInfo,
  'id' | 'name' | 'country' | 'version' | 'certificateFingerprint' | 'certificateNotAfter' | 'keyId'
>;

/** Text the node returns as a stable code with parameters; the console words it in the reader's language. */
export type CodedText = Omit<Gql.PolicyText, 'code' | 'params'> & { code: string; params: Record<string, unknown> };

export type RemovedField = Pick<Gql.RemovedField, 'path' | 'rule'> & { ruleText?: CodedText | null };

export type ShareRequest = Pick<
  Gql.ShareRequest,
  | 'id'
  | 'kind'
  | 'caseId'
  | 'inReplyTo'
  | 'caseReference'
  | 'caseRevision'
  | 'partnerId'
  | 'purpose'
  | 'status'
  | 'note'
  | 'requestedBy'
  | 'requestedAt'
  | 'decidedBy'
  | 'decidedAt'
  | 'decisionComment'
  | 'policyVersion'
  | 'policyReasons'
  | 'preview'
  | 'stale'
  | 'packetId'
  | 'sentAt'
  | 'deliveredAt'
  | 'lastError'
> & { policyReasonTexts?: CodedText[]; removed: RemovedField[] };

// What an analyst writes: the input types (ids are the node's to give when absent).
export type CaseIdentifier = Gql.CaseIdentifierInput;
export type Person = Gql.PersonInput;
export type CaseTransaction = Gql.CaseTransactionInput;
export type CaseRequest = Gql.CaseRequestInput;

/** The whole case: CASE_FIELDS selects every field (operations.test.ts), so a new one is here too. */
export type Case = Gql.Case;

export type ReceivedPacket = Pick<
  Gql.ReceivedPacket,
  | 'id'
  | 'packetId'
  | 'type'
  | 'caseReference'
  | 'title'
  | 'tlp'
  | 'originNode'
  | 'deliveredBy'
  | 'signatureVerified'
  | 'senderCertificateFingerprint'
  | 'policyVersion'
  | 'receivedAt'
  | 'retentionUntil'
  | 'inReplyTo'
  | 'localCaseId'
  | 'content'
>;

export type Alert = Pick<
  Gql.Alert,
  | 'id'
  | 'kind'
  | 'status'
  | 'value'
  | 'identifierType'
  | 'caseId'
  | 'caseReference'
  | 'raisedAt'
  | 'acknowledgedBy'
  | 'sources'
>;

/** validateIdentifier's answer: `reason` is "<category>: <detail>", `reasonCode` the category as a code. */
export type IdentifierCheck = Pick<Gql.IdentifierValidation, 'valid' | 'reason'> &
  Partial<Pick<Gql.IdentifierValidation, 'normalized' | 'reasonCode'>>;

export type Delivery = Pick<
  Gql.Delivery,
  'id' | 'partnerId' | 'status' | 'attempts' | 'lastError' | 'nextAttemptAt' | 'deliveredAt' | 'createdAt'
>;

export type WatchlistEntry = Pick<
  Gql.WatchlistEntry,
  | 'entryId'
  | 'origin'
  | 'receivedFrom'
  | 'identifierType'
  | 'value'
  | 'reason'
  | 'offenceCategory'
  | 'severity'
  | 'validUntil'
  | 'revoked'
  | 'expired'
  | 'version'
  | 'updatedAt'
  | 'caseReference'
>;
