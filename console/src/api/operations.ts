// Every GraphQL operation the officers' daily work sends (admin-operations.ts has the rest); a vitest
// validates each against schema.graphql.
export type * from './types';

export const LOGIN = `mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { token expiresAt } }`;
export const ME = `query Me { me { username roles } }`;
export const NODE_INFO = `query NodeInfo { nodeInfo { id name country version certificateFingerprint certificateNotAfter keyId } }`;
export const PARTNERS = `query Partners { peers { id name } }`;

// Every field of Case, to the leaves (operations.test.ts checks it): what the console does not show it
// still sends back unchanged when an analyst saves (views/cases/case-form.ts).
export const CASE_FIELDS = `id reference title summary offenceCategories tlp handlingCodes sourceReliability informationAccuracy revision createdBy createdAt updatedAt
  subjects { id names aliases dateOfBirth nationality documents { type number issuingCountry } }
  identifiers { id type value }
  transactions { id chain txHash from to asset amount time }
  requests { id kind targetIdentifierId text }
  attachments { id name mediaType sha256 bytes }`;

export const CASES = `query Cases { cases(first: 200) { id reference title tlp revision updatedAt offenceCategories } }`;
export const CASE = `query Case($id: ID!) { case(id: $id) { ${CASE_FIELDS} } }`;
export const CREATE_CASE = `mutation CreateCase($input: CaseInput!) { createCase(input: $input) { ${CASE_FIELDS} } }`;
export const UPDATE_CASE = `mutation UpdateCase($id: ID!, $input: CaseInput!, $rev: Int) { updateCase(id: $id, input: $input, expectedRevision: $rev) { ${CASE_FIELDS} } }`;
export const VALIDATE_IDENTIFIER = `query Validate($type: IdentifierType!, $value: String!) { validateIdentifier(type: $type, value: $value) { valid normalized reason reasonCode } }`;

/** Checks `count` identifiers in one request: variables t0/v0, t1/v1 …; answers under i0, i1 …. */
export function validityQuery(count: number): string {
  const indices = Array.from({ length: count }, (_, n) => n);
  const variables = indices.map((n) => `$t${n}: IdentifierType!, $v${n}: String!`).join(', ');
  const fields = indices.map(
    (n) => `i${n}: validateIdentifier(type: $t${n}, value: $v${n}) { valid reason reasonCode }`,
  );
  return `query Validity(${variables}) { ${fields.join(' ')} }`;
}

const CODED = `{ code params text }`;
export const SHARE_FIELDS = `id kind caseId inReplyTo caseReference caseRevision partnerId purpose status note requestedBy requestedAt decidedBy decidedAt decisionComment
  policyVersion policyReasons policyReasonTexts ${CODED} preview removed { path rule ruleText ${CODED} } stale packetId sentAt deliveredAt lastError`;
export const REQUEST_SHARE = `mutation RequestShare($caseId: ID!, $partnerIds: [String!]!, $purpose: SharePurpose!, $note: String) {
  requestShare(caseId: $caseId, partnerIds: $partnerIds, purpose: $purpose, note: $note) { ${SHARE_FIELDS} } }`;
export const SHARE_REQUESTS = `query Shares($status: ShareStatus) { shareRequests(status: $status, first: 200) { ${SHARE_FIELDS} } }`;
export const APPROVE_SHARE = `mutation Approve($id: ID!, $comment: String) { approveShare(id: $id, comment: $comment) { ${SHARE_FIELDS} } }`;
export const REJECT_SHARE = `mutation Reject($id: ID!, $reason: String!) { rejectShare(id: $id, reason: $reason) { ${SHARE_FIELDS} } }`;
export const REFRESH_PREVIEW = `mutation Refresh($id: ID!) { refreshSharePreview(id: $id) { ${SHARE_FIELDS} } }`;
export const WITHDRAW_SHARE = `mutation Withdraw($id: ID!) { withdrawShare(id: $id) { ${SHARE_FIELDS} } }`;
export const REPLY_TO_PACKET = `mutation Reply($packetId: String!, $text: String!) { replyToPacket(packetId: $packetId, text: $text) { ${SHARE_FIELDS} } }`;
/** What left this node, with its approvals: for auditors. */
export const SENT_SHARES = `query SentShares($partnerId: String) { sentShares(partnerId: $partnerId, first: 200) { ${SHARE_FIELDS} } }`;

export const DELIVERIES = `query Deliveries { deliveries(first: 200) { id partnerId status attempts lastError nextAttemptAt deliveredAt createdAt } }`;
const PACKET_FIELDS = `id packetId type caseReference title tlp originNode deliveredBy signatureVerified
  senderCertificateFingerprint policyVersion receivedAt retentionUntil inReplyTo localCaseId content`;
export const INBOUND = `query Inbound { inboundPackets(first: 200) { ${PACKET_FIELDS} } }`;
export const RECEIVED_PACKET = `query Received($id: ID!) { receivedCase(id: $id) { ${PACKET_FIELDS} } }`;
export const CASE_REPLIES = `query CaseReplies($caseId: ID!) { caseReplies(caseId: $caseId) { ${PACKET_FIELDS} } }`;
export const PACKET_REPLIES = `query PacketReplies($packetId: String!) { packetReplies(packetId: $packetId) { ${PACKET_FIELDS} } }`;

export const SCREEN = `query Screen($identifiers: [IdentifierInput!]!) { screen(identifiers: $identifiers) {
  value valid reason reasonCode normalized type hits { source sourceNode caseId caseReference receivedPacketId watchlistEntryId tlp severity offenceCategory } } }`;
export const ALERT_FIELDS = `id kind status value identifierType caseId caseReference raisedAt acknowledgedBy sources { origin kind ref }`;
export const ALERTS = `query Alerts { alerts(first: 200) { ${ALERT_FIELDS} } }`;
export const ACKNOWLEDGE_ALERT = `mutation Ack($id: ID!) { acknowledgeAlert(id: $id) { ${ALERT_FIELDS} } }`;
export const ALERT_RAISED = `subscription AlertRaised { alertRaised { ${ALERT_FIELDS} } }`;

export const WATCHLIST = `query Watchlist($filter: WatchlistFilter, $after: String) { watchlist(filter: $filter, first: 100, after: $after) {
  entries { entryId origin receivedFrom identifierType value reason offenceCategory severity validUntil revoked expired version updatedAt caseReference }
  endCursor hasMore } }`;
