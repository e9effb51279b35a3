// The operations of the exchanges' part of the console (#18): an exchange's compliance desk, and on an
// agency's case its requests to exchanges, the freezes they hold and the hits they report. Checked
// against schema.graphql by exchange-operations.test.ts.

export const FREEZE_ACTIONS = ['FREEZE', 'PRESERVE_RECORDS', 'DISCLOSE_HOLDER', 'RELEASE'] as const;
export const URGENCY_CLASSES = ['URGENT', 'STANDARD', 'ROUTINE'] as const;
export const LEGAL_INSTRUMENT_TYPES = [
  'COURT_ORDER',
  'SEIZURE_WARRANT',
  'PRESERVATION_ORDER',
  'PROSECUTOR_ORDER',
  'MUTUAL_LEGAL_ASSISTANCE',
  'ADMINISTRATIVE_REQUEST',
] as const;
export const ANSWER_STATUSES = [
  'ACKNOWLEDGED',
  'FROZEN',
  'PARTIALLY_FROZEN',
  'NOT_OUR_CUSTOMER',
  'NO_FUNDS',
  'NEEDS_LEGAL_PROCESS',
  'DECLINED',
  'RELEASED',
] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];
export const FREEZABLE_TYPES = [
  'WALLET_BTC',
  'WALLET_EVM',
  'WALLET_TRON',
  'WALLET_LTC',
  'WALLET_XMR',
  'EXCHANGE_ACCOUNT',
];

export interface Target {
  targetId: string;
  identifierType: string;
  value: string;
  chain: string | null;
  asset: string | null;
  amount: string | null;
}

export interface TargetAnswer {
  targetId: string;
  status: AnswerStatus;
  amount: string | null;
  asset: string | null;
  account: string | null;
  at: string | null;
  frozenUntil: string | null;
  missing: string | null;
  reason: string | null;
  note: string | null;
}

export interface LegalBasis {
  instrumentType: string;
  reference: string;
  issuingAuthority: string;
  issuedOn: string | null;
  order: { name: string; mediaType: string; sha256: string; bytes: number };
}

export interface ComplianceAnswer {
  id: string;
  requestId: string;
  answers: TargetAnswer[];
  draftedBy: string;
  draftedAt: string;
  status: string;
  policyReasons: string[];
  decidedBy: string | null;
  decisionComment: string | null;
  deliveredAt: string | null;
}

export interface ComplianceRequest {
  id: string;
  agencyId: string;
  reference: string;
  caseReference: string;
  action: string;
  urgency: string;
  deadlineAt: string;
  overdue: boolean;
  noTippingOff: boolean;
  legalBasis: LegalBasis;
  targets: Target[];
  durationDays: number | null;
  follows: string | null;
  note: string | null;
  status: string;
  receivedAt: string;
  answers: ComplianceAnswer[];
}

const ANSWER_FIELDS = 'targetId status amount asset account at frozenUntil missing reason note';
const COMPLIANCE_ANSWER_FIELDS = `id requestId answers { ${ANSWER_FIELDS} } draftedBy draftedAt status policyReasons decidedBy decisionComment deliveredAt`;
const COMPLIANCE_REQUEST_FIELDS = `id agencyId reference caseReference action urgency deadlineAt overdue noTippingOff
  legalBasis { instrumentType reference issuingAuthority issuedOn order { name mediaType sha256 bytes } }
  targets { targetId identifierType value chain asset amount } durationDays follows note status receivedAt
  answers { ${COMPLIANCE_ANSWER_FIELDS} }`;

export const COMPLIANCE_QUEUE = `query ComplianceQueue { complianceQueue(first: 200) { ${COMPLIANCE_REQUEST_FIELDS} } }`;
export const DRAFT_FREEZE_ANSWER = `mutation DraftFreezeAnswer($requestId: ID!, $answers: [TargetAnswerInput!]!) {
  draftFreezeAnswer(requestId: $requestId, answers: $answers) { ${COMPLIANCE_ANSWER_FIELDS} } }`;
export const APPROVE_FREEZE_ANSWER = `mutation ApproveFreezeAnswer($id: ID!, $comment: String) { approveFreezeAnswer(id: $id, comment: $comment) { ${COMPLIANCE_ANSWER_FIELDS} } }`;
export const REJECT_FREEZE_ANSWER = `mutation RejectFreezeAnswer($id: ID!, $reason: String!) { rejectFreezeAnswer(id: $id, reason: $reason) { ${COMPLIANCE_ANSWER_FIELDS} } }`;
export const WALLET_HITS = `query WalletHits { walletHits(first: 50) { id systemId identifierType value direction amount asset transactionHash occurredAt entryOrigin offenceCategory report } }`;

export interface WalletHit {
  id: string;
  systemId: string;
  value: string;
  direction: string | null;
  amount: string | null;
  asset: string | null;
  occurredAt: string;
  entryOrigin: string;
  offenceCategory: string;
  report: string;
}

export interface Copy {
  id: string;
  exchangeId: string;
  status: string;
  policyReasons: string[];
  deadlineAt: string | null;
  overdue: boolean;
  answerState: string;
  lastError: string | null;
  answers: (TargetAnswer & { answeredAt: string })[];
}

export interface FreezeRequest {
  id: string;
  reference: string;
  action: string;
  urgency: string;
  status: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  follows: string | null;
  legalBasis: LegalBasis;
  targets: Target[];
  copies: Copy[];
}

export interface Hold {
  id: string;
  exchangeId: string;
  value: string;
  amount: string | null;
  asset: string | null;
  frozenUntil: string;
  status: string;
  expiringSoon: boolean;
  requestReference: string;
}

export interface HitReport {
  id: string;
  exchangeId: string;
  value: string;
  direction: string;
  amount: string | null;
  asset: string | null;
  transactionHash: string | null;
  occurredAt: string;
  receivedAt: string;
}

const FREEZE_REQUEST_FIELDS = `id reference action urgency status requestedBy requestedAt decidedBy follows
  legalBasis { instrumentType reference issuingAuthority issuedOn order { name mediaType sha256 bytes } }
  targets { targetId identifierType value chain asset amount }
  copies { id exchangeId status policyReasons deadlineAt overdue answerState lastError answers { ${ANSWER_FIELDS} answeredAt } }`;

export const FREEZE_REQUESTS = `query FreezeRequests($caseId: ID) { freezeRequests(caseId: $caseId) { ${FREEZE_REQUEST_FIELDS} } }`;
export const FREEZE_HOLDS = `query FreezeHolds($caseId: ID) { freezeHolds(caseId: $caseId) { id exchangeId value amount asset frozenUntil status expiringSoon requestReference } }`;
export const HIT_REPORTS = `query HitReports($caseId: ID) { hitReports(caseId: $caseId) { id exchangeId value direction amount asset transactionHash occurredAt receivedAt } }`;
export const EXCHANGE_PEERS = `query ExchangePeers { peers { id kind } }`;
export const REQUEST_FREEZE = `mutation RequestFreeze($input: FreezeRequestInput!) { requestFreeze(input: $input) { ${FREEZE_REQUEST_FIELDS} } }`;
export const APPROVE_FREEZE_REQUEST = `mutation ApproveFreezeRequest($id: ID!) { approveFreezeRequest(id: $id) { ${FREEZE_REQUEST_FIELDS} } }`;
export const REJECT_FREEZE_REQUEST = `mutation RejectFreezeRequest($id: ID!, $reason: String!) { rejectFreezeRequest(id: $id, reason: $reason) { ${FREEZE_REQUEST_FIELDS} } }`;
export const EXTEND_FREEZE = `mutation ExtendFreeze($holdId: ID!, $durationDays: Int!) { extendFreeze(holdId: $holdId, durationDays: $durationDays) { ${FREEZE_REQUEST_FIELDS} } }`;
export const RELEASE_FREEZE = `mutation ReleaseFreeze($holdId: ID!) { releaseFreeze(holdId: $holdId) { ${FREEZE_REQUEST_FIELDS} } }`;
