import type * as Gql from './schema.generated';
// Operations of the administrators' and auditors' screens (checked against schema.graphql like the rest).

export const PEERS = `query Peers { peers { id name url pinnedFingerprint queuedDeliveries oldestQueuedAt
  certificates { fingerprint notBefore notAfter firstSeenAt supersededAt revoked }
  watchlistSync { direction cursor lastSuccessAt lagSeconds lastError } } }`;
export const REVOKED_CERTIFICATES = `query Revoked { revokedCertificates { fingerprint nodeId reason revokedAt revokedBy } }`;
export const REVOKE_CERTIFICATE = `mutation Revoke($fingerprint: String!, $reason: String!) {
  revokePeerCertificate(fingerprint: $fingerprint, reason: $reason) { fingerprint nodeId reason revokedAt revokedBy } }`;

const ACCOUNT_FIELDS = `id username roles disabled createdAt`;
export const USERS = `query Users { users { ${ACCOUNT_FIELDS} } }`;
export const CREATE_USER = `mutation CreateUser($username: String!, $password: String!, $roles: [Role!]!) {
  createUser(username: $username, password: $password, roles: $roles) { ${ACCOUNT_FIELDS} } }`;
export const SET_USER_ROLES = `mutation SetUserRoles($username: String!, $roles: [Role!]!) { setUserRoles(username: $username, roles: $roles) { ${ACCOUNT_FIELDS} } }`;
export const DISABLE_USER = `mutation DisableUser($username: String!) { disableUser(username: $username) { ${ACCOUNT_FIELDS} } }`;

export const POLICY_FIELDS = `partnerId version policyVersion createdBy createdAt
  outbound { offenceCategories purposes tlpCeiling dataCategories transforms { path transform }
    onwardSharing { allowed to } retentionDays approvalMode watchlistCategories }
  inbound { offenceCategories tlpCeiling maxRetentionDays acceptRelayed }`;
export const PARTNER_POLICIES = `query PartnerPolicies { partnerPolicies { ${POLICY_FIELDS} } }`;
export const PARTNER_POLICY = `query PartnerPolicy($partnerId: String!, $version: Int) { partnerPolicy(partnerId: $partnerId, version: $version) { ${POLICY_FIELDS} } }`;
export const SET_PARTNER_POLICY = `mutation SetPartnerPolicy($partnerId: String!, $policy: PartnerPolicyInput!) {
  setPartnerPolicy(partnerId: $partnerId, policy: $policy) { ${POLICY_FIELDS} } }`;
export const CHECK_PARTNER_POLICY = `query CheckPartnerPolicy($partnerId: String!, $policy: PartnerPolicyInput!) {
  checkPartnerPolicy(partnerId: $partnerId, policy: $policy) { field message } }`;
export const POLICY_FIELD_TRANSFORMS = `query PolicyFieldTransforms { policyFieldTransforms { path transforms } }`;

export const TAXII_ACCOUNTS = `query TaxiiAccounts { taxiiAccounts { partnerId collectionId createdBy createdAt disabledAt } }`;
export const ISSUE_TAXII_ACCOUNT = `mutation IssueTaxii($partnerId: String!) { issueTaxiiAccount(partnerId: $partnerId) { username password collectionId } }`;
export const DISABLE_TAXII_ACCOUNT = `mutation DisableTaxii($partnerId: String!) { disableTaxiiAccount(partnerId: $partnerId) }`;

/** Whether this node is an agency or an exchange: only an exchange has screening systems. */
export const NODE_KIND = `query NodeKind { nodeInfo { id kind } }`;
const SCREENING_SYSTEM_FIELDS = `id description certificateSha256 hasApiKey createdBy createdAt disabledAt`;
export const SCREENING_SYSTEMS = `query ScreeningSystems { screeningSystems { ${SCREENING_SYSTEM_FIELDS} } }`;
export const REGISTER_SCREENING_CERTIFICATE = `mutation RegisterScreeningCertificate($systemId: String!, $certificatePem: String!, $description: String) {
  registerScreeningCertificate(systemId: $systemId, certificatePem: $certificatePem, description: $description) { ${SCREENING_SYSTEM_FIELDS} } }`;
export const DISABLE_SCREENING_SYSTEM = `mutation DisableScreeningSystem($systemId: String!) { disableScreeningSystem(systemId: $systemId) { ${SCREENING_SYSTEM_FIELDS} } }`;

export const AUDIT_LOG = `query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) { entries { seq occurredAt type actor subjectType subjectId details } endCursor hasMore } }`;
export const VERIFY_AUDIT_CHAIN = `query VerifyAuditChain { verifyAuditChain { valid entries checkpoints uncheckpointed firstBreakSeq problem } }`;

/** The AuditEventType values of schema.graphql, for the auditors' filter (checked by operations.test.ts). */
export const AUDIT_EVENT_TYPES = [
  'AUDIT_CHECKPOINT',
  'CASE_CREATED',
  'CASE_UPDATED',
  'CERTIFICATE_REVOKED',
  'DELIVERY_RETRIED',
  'FREEZE_ANSWER_APPROVED',
  'FREEZE_ANSWER_DRAFTED',
  'FREEZE_ANSWER_RECEIVED',
  'FREEZE_ANSWER_REJECTED',
  'FREEZE_REQUESTED',
  'FREEZE_REQUEST_APPROVED',
  'FREEZE_REQUEST_RECEIVED',
  'FREEZE_REQUEST_REJECTED',
  'FREEZE_REQUEST_WITHDRAWN',
  'HIT_REPORT_QUEUED',
  'HIT_REPORT_RECEIVED',
  'KEYS_ROTATED',
  'LOGIN_FAILED',
  'LOGIN_SUCCEEDED',
  'LOGIN_THROTTLED',
  'MISP_EXPORTED',
  'PACKET_RECEIVED',
  'PACKET_REJECTED',
  'POLICY_CHANGED',
  'RECORD_PURGED',
  'SCREENING_SYSTEM_CHANGED',
  'SHARE_APPROVED',
  'SHARE_DELIVERED',
  'SHARE_FAILED',
  'SHARE_PREVIEW_REFRESHED',
  'SHARE_REJECTED',
  'SHARE_REQUESTED',
  'SHARE_SENT',
  'SHARE_WITHDRAWN',
  'STIX_EXPORTED',
  'TAXII_ACCOUNT_DISABLED',
  'TAXII_ACCOUNT_ISSUED',
  'TAXII_INBOX_APPROVED',
  'TAXII_INBOX_REJECTED',
  'TAXII_OBJECTS_ADDED',
  'USER_CREATED',
  'USER_DISABLED',
  'USER_ROLES_CHANGED',
  'WATCHLIST_ENTRY_ADDED',
  'WATCHLIST_ENTRY_REVOKED',
  'WATCHLIST_ENTRY_UPDATED',
] as const;

export type Peer = Pick<
  Gql.Peer,
  'id' | 'name' | 'url' | 'pinnedFingerprint' | 'queuedDeliveries' | 'oldestQueuedAt'
> & {
  certificates: Pick<
    Gql.PeerCertificate,
    'fingerprint' | 'notBefore' | 'notAfter' | 'firstSeenAt' | 'supersededAt' | 'revoked'
  >[];
  watchlistSync: Pick<Gql.WatchlistSyncState, 'direction' | 'cursor' | 'lastSuccessAt' | 'lagSeconds' | 'lastError'>[];
};

export type RevokedCertificate = Pick<
  Gql.RevokedCertificate,
  'fingerprint' | 'nodeId' | 'reason' | 'revokedAt' | 'revokedBy'
>;

export type Account = Pick<Gql.OfficerAccount, 'id' | 'username' | 'roles' | 'disabled' | 'createdAt'>;

export type OutboundPolicy = Pick<
  Gql.OutboundPolicy,
  | 'offenceCategories'
  | 'purposes'
  | 'tlpCeiling'
  | 'dataCategories'
  | 'onwardSharing'
  | 'retentionDays'
  | 'approvalMode'
  | 'watchlistCategories'
> & { transforms: { path: string; transform: string }[] };

export type InboundPolicy = Pick<
  Gql.InboundPolicy,
  'offenceCategories' | 'tlpCeiling' | 'maxRetentionDays' | 'acceptRelayed'
>;

export type PartnerPolicy = Pick<
  Gql.PartnerPolicy,
  'partnerId' | 'version' | 'policyVersion' | 'createdBy' | 'createdAt'
> & {
  outbound: OutboundPolicy | null;
  inbound: InboundPolicy | null;
};

export type PolicyProblem = Pick<Gql.PolicyProblem, 'field' | 'message'>;

export type TaxiiAccount = Pick<
  Gql.TaxiiAccount,
  'username' | 'kind' | 'partnerId' | 'collectionId' | 'createdBy' | 'createdAt' | 'disabledAt'
>;

export type ScreeningSystem = Pick<
  Gql.ScreeningSystem,
  'id' | 'description' | 'certificateSha256' | 'hasApiKey' | 'createdBy' | 'createdAt' | 'disabledAt'
>;

export type AuditEntry = Pick<Gql.AuditEntry, 'seq' | 'occurredAt' | 'type' | 'actor' | 'subjectType' | 'subjectId'> & {
  details: Record<string, unknown>;
};
