// Every GraphQL operation the console sends, in one place (checked against schema.graphql by a test).

export type Role = 'ANALYST' | 'LIAISON_OFFICER' | 'ADMIN' | 'AUDITOR';

export interface Me {
  username: string;
  roles: Role[];
}

export interface NodeInfo {
  id: string;
  name: string;
  country: string;
  version: string;
  certificateFingerprint: string;
  certificateNotAfter: string;
  keyId: string;
}

export const LOGIN = `mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { token expiresAt } }`;
export const ME = `query Me { me { username roles } }`;
export const NODE_INFO = `query NodeInfo { nodeInfo { id name country version certificateFingerprint certificateNotAfter keyId } }`;

export const CASE_FIELDS = `id reference title summary offenceCategories tlp handlingCodes sourceReliability informationAccuracy revision createdBy updatedAt
  subjects { id names aliases dateOfBirth nationality documents { type number issuingCountry } }
  identifiers { id type value }
  transactions { id chain txHash from to asset amount time }
  requests { id kind targetIdentifierId text }
  attachments { id name mediaType sha256 bytes }`;

export const CASES = `query Cases { cases(first: 200) { id reference title tlp revision updatedAt offenceCategories } }`;
export const CASE = `query Case($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`;
export const CREATE_CASE = `mutation CreateCase($input: CaseInput!) { createCase(input: $input) { ${CASE_FIELDS} } }`;
export const UPDATE_CASE = `mutation UpdateCase($id: ID!, $input: CaseInput!, $rev: Int) { updateCase(id: $id, input: $input, expectedRevision: $rev) { ${CASE_FIELDS} } }`;
export const VALIDATE_IDENTIFIER = `query Validate($type: IdentifierType!, $value: String!) { validateIdentifier(type: $type, value: $value) { valid normalized reason } }`;

export const SHARE_FIELDS = `id kind caseId caseReference caseRevision partnerId purpose status note requestedBy requestedAt decidedBy decidedAt decisionComment
  policyVersion policyReasons preview removed { path rule } stale packetId sentAt deliveredAt lastError`;
export const REQUEST_SHARE = `mutation RequestShare($caseId: ID!, $partnerIds: [String!]!, $purpose: SharePurpose!, $note: String) {
  requestShare(caseId: $caseId, partnerIds: $partnerIds, purpose: $purpose, note: $note) { ${SHARE_FIELDS} } }`;
export const SHARE_REQUESTS = `query Shares($status: ShareStatus) { shareRequests(status: $status, first: 200) { ${SHARE_FIELDS} } }`;
export const APPROVE_SHARE = `mutation Approve($id: ID!, $comment: String) { approveShare(id: $id, comment: $comment) { ${SHARE_FIELDS} } }`;
export const REJECT_SHARE = `mutation Reject($id: ID!, $reason: String!) { rejectShare(id: $id, reason: $reason) { ${SHARE_FIELDS} } }`;
export const REFRESH_PREVIEW = `mutation Refresh($id: ID!) { refreshSharePreview(id: $id) { ${SHARE_FIELDS} } }`;

export const DELIVERIES = `query Deliveries { deliveries(first: 200) { id partnerId status attempts lastError nextAttemptAt deliveredAt createdAt } }`;
export const INBOUND = `query Inbound { inboundPackets(first: 200) { id packetId type caseReference title tlp originNode deliveredBy signatureVerified
  senderCertificateFingerprint policyVersion receivedAt retentionUntil inReplyTo content } }`;

export const SCREEN = `query Screen($identifiers: [IdentifierInput!]!) { screen(identifiers: $identifiers) {
  value valid reason normalized type hits { source sourceNode caseReference tlp severity offenceCategory } } }`;
export const ALERT_FIELDS = `id kind status value identifierType caseId caseReference raisedAt acknowledgedBy sources { origin kind ref }`;
export const ALERTS = `query Alerts { alerts(first: 200) { ${ALERT_FIELDS} } }`;
export const ACKNOWLEDGE_ALERT = `mutation Ack($id: ID!) { acknowledgeAlert(id: $id) { ${ALERT_FIELDS} } }`;
export const ALERT_RAISED = `subscription AlertRaised { alertRaised { ${ALERT_FIELDS} } }`;

export const PEERS = `query Peers { peers { id url pinnedFingerprint queuedDeliveries oldestQueuedAt
  certificates { fingerprint notBefore notAfter firstSeenAt supersededAt revoked }
  watchlistSync { direction cursor lastSuccessAt lagSeconds lastError } } }`;
export const PEER_IDS = `query PeerIds { peers { id } }`;
export const REVOKED_CERTIFICATES = `query Revoked { revokedCertificates { fingerprint nodeId reason revokedAt revokedBy } }`;
export const USERS = `query Users { users { username roles disabled createdAt } }`;

export const AUDIT_LOG = `query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) { entries { seq occurredAt type actor subjectType subjectId details } endCursor hasMore } }`;
export const VERIFY_AUDIT_CHAIN = `query VerifyAuditChain { verifyAuditChain { valid entries checkpoints uncheckpointed firstBreakSeq problem } }`;

/** The AuditEventType values of schema.graphql, for the auditors' filter (checked by operations.test.ts). */
export const AUDIT_EVENT_TYPES = [
  'AUDIT_CHECKPOINT',
  'CERTIFICATE_REVOKED',
  'DELIVERY_RETRIED',
  'KEYS_ROTATED',
  'LOGIN_FAILED',
  'LOGIN_SUCCEEDED',
  'PACKET_RECEIVED',
  'PACKET_REJECTED',
  'POLICY_CHANGED',
  'RECORD_PURGED',
  'SHARE_APPROVED',
  'SHARE_DELIVERED',
  'SHARE_FAILED',
  'SHARE_REJECTED',
  'SHARE_REQUESTED',
  'SHARE_SENT',
  'SHARE_WITHDRAWN',
  'USER_CREATED',
  'USER_DISABLED',
] as const;

export interface RemovedField {
  path: string;
  rule: string;
}

export interface ShareRequest {
  id: string;
  kind: string;
  caseId: string | null;
  caseReference: string;
  caseRevision: number;
  partnerId: string;
  purpose: string;
  status: string;
  note: string | null;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
  policyVersion: string | null;
  policyReasons: string[];
  preview: unknown;
  removed: RemovedField[];
  stale: boolean;
  packetId: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  lastError: string | null;
}

export interface CaseIdentifier {
  id?: string | null;
  type: string;
  value: string;
}

export interface Person {
  id?: string | null;
  names: string[];
  aliases?: string[] | null;
  dateOfBirth?: string | null;
  nationality?: string | null;
  documents?: { type: string; number: string; issuingCountry: string }[] | null;
}

export interface Case {
  id: string;
  reference: string;
  title: string;
  summary: string | null;
  offenceCategories: string[];
  tlp: string;
  handlingCodes: string[];
  sourceReliability: string;
  informationAccuracy: number;
  revision: number;
  createdBy: string;
  updatedAt: string;
  subjects: Person[];
  identifiers: CaseIdentifier[];
  transactions: Record<string, string | null>[];
  requests: { id: string | null; kind: string; targetIdentifierId: string | null; text: string }[];
  attachments: { id: string; name: string; mediaType: string; sha256: string; bytes: number }[];
}

export interface ReceivedPacket {
  id: string;
  packetId: string;
  type: string;
  caseReference: string | null;
  title: string | null;
  tlp: string | null;
  originNode: string;
  deliveredBy: string;
  signatureVerified: boolean;
  senderCertificateFingerprint: string;
  policyVersion: string;
  receivedAt: string;
  retentionUntil: string;
  inReplyTo: string | null;
  content: unknown;
}

export interface Alert {
  id: string;
  kind: string;
  status: string;
  value: string;
  identifierType: string;
  caseId: string | null;
  caseReference: string | null;
  raisedAt: string;
  acknowledgedBy: string | null;
  sources: { origin: string; kind: string; ref: string }[];
}

export const OFFENCE_CATEGORIES = ['DRUG_TRAFFICKING', 'ONLINE_SCAM', 'MONEY_LAUNDERING', 'ILLEGAL_FX_CUSTOMS_FRAUD', 'CYBERCRIME', 'HUMAN_TRAFFICKING'];
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];
export const HANDLING_CODES = ['INTELLIGENCE_ONLY', 'NO_COURT_USE_WITHOUT_PERMISSION', 'NO_ONWARD_SHARING_WITHOUT_PERMISSION'];
export const SOURCE_RELIABILITY = ['A', 'B', 'C', 'D'];
export const IDENTIFIER_TYPES = [
  'WALLET_BTC', 'WALLET_EVM', 'WALLET_TRON', 'WALLET_LTC', 'WALLET_XMR', 'EXCHANGE_ACCOUNT', 'BANK_ACCOUNT',
  'PHONE', 'TELEGRAM', 'DARKWEB_HANDLE', 'EMAIL', 'DOMAIN', 'IP_ADDRESS',
];
export const PURPOSES = ['INVESTIGATION', 'ASSET_FREEZE', 'INTELLIGENCE_PICTURE', 'PROSECUTION'];
