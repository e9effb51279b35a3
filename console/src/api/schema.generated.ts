// Generated from schema.graphql by `npm run schema` (graphql-codegen): do not edit.
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format. */
  DateTime: { input: string; output: string; }
  /** A JSON value. */
  JSON: { input: unknown; output: unknown; }
};

/** Partner data matched a local case, two partners hold the same identifier, or something about an exchange needs attention (a deadline, an expiring freeze, a wallet hit). */
export type Alert = {
  acknowledgedAt: Maybe<Scalars['DateTime']['output']>;
  acknowledgedBy: Maybe<Scalars['String']['output']>;
  caseId: Maybe<Scalars['ID']['output']>;
  caseReference: Maybe<Scalars['String']['output']>;
  /** What happened, for the alerts about exchanges. */
  detail: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  identifierType: Scalars['String']['output'];
  kind: AlertKind;
  raisedAt: Scalars['DateTime']['output'];
  sources: Array<AlertSource>;
  status: AlertStatus;
  value: Scalars['String']['output'];
};

export type AlertKind =
  | 'CROSS_PARTNER_MATCH'
  | 'FREEZE_EXPIRING'
  | 'FREEZE_LAPSED'
  | 'FREEZE_REQUEST_OVERDUE'
  | 'HIT_REPORTED'
  | 'PARTNER_DATA_MATCHES_LOCAL_CASE'
  | 'WALLET_HIT';

/** Partner data behind an alert: its origin node and packet or watchlist entry id. */
export type AlertSource = {
  /** PACKET, WATCHLIST_ENTRY, FREEZE_REQUEST, FREEZE_HOLD, WALLET_HIT or HIT_REPORT */
  kind: Scalars['String']['output'];
  origin: Scalars['String']['output'];
  /** The id of that packet, entry, request copy, hold, hit or report. */
  ref: Scalars['String']['output'];
};

export type AlertStatus =
  | 'ACKNOWLEDGED'
  | 'OPEN';

export type ApprovalMode =
  | 'AUTOMATIC_FOR_LOW_RISK_WATCHLIST'
  | 'LIAISON_OFFICER';

/** One entry of the tamper-evident audit trail; each carries the hash of the one before. */
export type AuditEntry = {
  /** The officer, partner node or component behind the event; null for the node itself. */
  actor: Maybe<Scalars['String']['output']>;
  /** Ids, references, reason codes and counts; never content or secrets. */
  details: Scalars['JSON']['output'];
  /** SHA-256 of this entry in canonical JSON (RFC 8785), including prevHash. */
  hash: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  /** SHA-256 of the previous entry (64 zeros for the first). */
  prevHash: Scalars['String']['output'];
  /** Position in the chain (1, 2, 3 …); also the paging cursor. */
  seq: Scalars['String']['output'];
  subjectId: Maybe<Scalars['String']['output']>;
  /** Kind of record the event is about, e.g. SHARE_REQUEST, PACKET, OFFICER_ACCOUNT. */
  subjectType: Maybe<Scalars['String']['output']>;
  type: AuditEventType;
};

/** What kind of security-relevant event an audit entry records. */
export type AuditEventType =
  | 'AUDIT_CHECKPOINT'
  | 'CASE_CREATED'
  | 'CASE_UPDATED'
  | 'CERTIFICATE_REVOKED'
  | 'DELIVERY_RETRIED'
  | 'FREEZE_ANSWER_APPROVED'
  | 'FREEZE_ANSWER_DRAFTED'
  | 'FREEZE_ANSWER_RECEIVED'
  | 'FREEZE_ANSWER_REJECTED'
  | 'FREEZE_REQUESTED'
  | 'FREEZE_REQUEST_APPROVED'
  | 'FREEZE_REQUEST_RECEIVED'
  | 'FREEZE_REQUEST_REJECTED'
  | 'FREEZE_REQUEST_WITHDRAWN'
  | 'HIT_REPORT_QUEUED'
  | 'HIT_REPORT_RECEIVED'
  | 'KEYS_ROTATED'
  | 'LOGIN_FAILED'
  | 'LOGIN_SUCCEEDED'
  | 'LOGIN_THROTTLED'
  | 'MISP_EXPORTED'
  | 'PACKET_RECEIVED'
  | 'PACKET_REJECTED'
  | 'POLICY_CHANGED'
  | 'RECORD_PURGED'
  | 'SCREENING_SYSTEM_CHANGED'
  | 'SHARE_APPROVED'
  | 'SHARE_DELIVERED'
  | 'SHARE_FAILED'
  | 'SHARE_PREVIEW_REFRESHED'
  | 'SHARE_REJECTED'
  | 'SHARE_REQUESTED'
  | 'SHARE_SENT'
  | 'SHARE_WITHDRAWN'
  | 'STIX_EXPORTED'
  | 'TAXII_ACCOUNT_DISABLED'
  | 'TAXII_ACCOUNT_ISSUED'
  | 'TAXII_INBOX_APPROVED'
  | 'TAXII_INBOX_REJECTED'
  | 'TAXII_OBJECTS_ADDED'
  | 'USER_CREATED'
  | 'USER_DISABLED'
  | 'USER_ROLES_CHANGED'
  | 'WATCHLIST_ENTRY_ADDED'
  | 'WATCHLIST_ENTRY_REVOKED'
  | 'WATCHLIST_ENTRY_UPDATED';

export type AuditLogFilter = {
  actor?: InputMaybe<Scalars['String']['input']>;
  /** At or after this time. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  subjectId?: InputMaybe<Scalars['String']['input']>;
  subjectType?: InputMaybe<Scalars['String']['input']>;
  /** Before this time. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  /** Any of these types. */
  types?: InputMaybe<Array<AuditEventType>>;
};

export type AuditLogPage = {
  /** Pass as `after` for the next (older) page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** Newest first. */
  entries: Array<AuditEntry>;
  hasMore: Scalars['Boolean']['output'];
};

/** The result of walking the whole audit chain, as `npm run audit:verify` reports it. */
export type AuditVerification = {
  /** The newest checkpoint copied outside the database, if any. */
  anchoredSeq: Maybe<Scalars['String']['output']>;
  /** Signed checkpoints verified. */
  checkpoints: Scalars['Float']['output'];
  /** Entries verified (up to the first broken one). */
  entries: Scalars['Float']['output'];
  /** The first broken entry, when not valid. */
  firstBreakSeq: Maybe<Scalars['String']['output']>;
  /** The newest entry verified. */
  headSeq: Maybe<Scalars['String']['output']>;
  lastCheckpointSeq: Maybe<Scalars['String']['output']>;
  /** What is wrong there. */
  problem: Maybe<Scalars['String']['output']>;
  /** Entries after the last checkpoint, not yet vouched for by a signature. */
  uncheckpointed: Scalars['Float']['output'];
  /** Every hash link and every checkpoint signature verifies, and the checkpoint copies outside the database agree. */
  valid: Scalars['Boolean']['output'];
};

/** A case of this agency, as analysts edit it (never what a partner receives). */
export type Case = {
  attachments: Array<CaseAttachment>;
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  handlingCodes: Array<HandlingCode>;
  id: Scalars['ID']['output'];
  identifiers: Array<CaseIdentifier>;
  informationAccuracy: Scalars['Int']['output'];
  offenceCategories: Array<OffenceCategory>;
  reference: Scalars['String']['output'];
  requests: Array<CaseRequest>;
  /** Increases on every change. */
  revision: Scalars['Int']['output'];
  sourceReliability: SourceReliability;
  subjects: Array<Person>;
  summary: Maybe<Scalars['String']['output']>;
  title: Scalars['String']['output'];
  tlp: Tlp;
  transactions: Array<CaseTransaction>;
  updatedAt: Scalars['DateTime']['output'];
};

export type CaseAttachment = {
  bytes: Scalars['Int']['output'];
  id: Scalars['String']['output'];
  mediaType: Scalars['String']['output'];
  name: Scalars['String']['output'];
  sha256: Scalars['String']['output'];
};

export type CaseIdentifier = {
  id: Maybe<Scalars['String']['output']>;
  type: IdentifierType;
  value: Scalars['String']['output'];
};

export type CaseIdentifierInput = {
  id?: InputMaybe<Scalars['String']['input']>;
  type: IdentifierType;
  value: Scalars['String']['input'];
};

export type CaseInput = {
  handlingCodes?: InputMaybe<Array<HandlingCode>>;
  identifiers?: InputMaybe<Array<CaseIdentifierInput>>;
  /** Information accuracy grade 1-4. */
  informationAccuracy: Scalars['Int']['input'];
  offenceCategories: Array<OffenceCategory>;
  reference: Scalars['String']['input'];
  requests?: InputMaybe<Array<CaseRequestInput>>;
  sourceReliability: SourceReliability;
  subjects?: InputMaybe<Array<PersonInput>>;
  summary?: InputMaybe<Scalars['String']['input']>;
  title: Scalars['String']['input'];
  tlp: Tlp;
  transactions?: InputMaybe<Array<CaseTransactionInput>>;
};

/** A freeze request or request for information carried by the case. */
export type CaseRequest = {
  id: Maybe<Scalars['String']['output']>;
  kind: RequestKind;
  /** Id of the identifier (wallet or exchange account) a freeze request targets. */
  targetIdentifierId: Maybe<Scalars['String']['output']>;
  text: Scalars['String']['output'];
};

export type CaseRequestInput = {
  id?: InputMaybe<Scalars['String']['input']>;
  kind: RequestKind;
  /** Id of the identifier (wallet or exchange account) a freeze request targets. */
  targetIdentifierId?: InputMaybe<Scalars['String']['input']>;
  text: Scalars['String']['input'];
};

export type CaseTransaction = {
  /** Decimal string, e.g. "1250.50". */
  amount: Scalars['String']['output'];
  asset: Scalars['String']['output'];
  chain: Scalars['String']['output'];
  from: Scalars['String']['output'];
  id: Maybe<Scalars['String']['output']>;
  /** ISO 8601 date-time. */
  time: Scalars['String']['output'];
  to: Scalars['String']['output'];
  txHash: Scalars['String']['output'];
};

export type CaseTransactionInput = {
  /** Decimal string, e.g. "1250.50". */
  amount: Scalars['String']['input'];
  asset: Scalars['String']['input'];
  chain: Scalars['String']['input'];
  from: Scalars['String']['input'];
  id?: InputMaybe<Scalars['String']['input']>;
  /** ISO 8601 date-time. */
  time: Scalars['String']['input'];
  to: Scalars['String']['input'];
  txHash: Scalars['String']['input'];
};

/** An answer a compliance officer wrote; a second one approves it. */
export type ComplianceAnswer = {
  answers: Array<TargetAnswer>;
  decidedAt: Maybe<Scalars['DateTime']['output']>;
  decidedBy: Maybe<Scalars['String']['output']>;
  decisionComment: Maybe<Scalars['String']['output']>;
  deliveredAt: Maybe<Scalars['DateTime']['output']>;
  draftedAt: Scalars['DateTime']['output'];
  draftedBy: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lastError: Maybe<Scalars['String']['output']>;
  packetId: Maybe<Scalars['String']['output']>;
  policyReasons: Array<Scalars['String']['output']>;
  policyVersion: Maybe<Scalars['String']['output']>;
  requestId: Scalars['ID']['output'];
  sentAt: Maybe<Scalars['DateTime']['output']>;
  /** PENDING_APPROVAL, DENIED_BY_POLICY, APPROVED, SENT, DELIVERED, FAILED or REJECTED. */
  status: Scalars['String']['output'];
};

/** A request an agency sent this exchange, in the compliance desk's queue. */
export type ComplianceRequest = {
  action: FreezeAction;
  /** The agency that sent it (and signed it). */
  agencyId: Scalars['String']['output'];
  answers: Array<ComplianceAnswer>;
  caseReference: Scalars['String']['output'];
  deadlineAt: Scalars['DateTime']['output'];
  durationDays: Maybe<Scalars['Int']['output']>;
  follows: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The order itself: GET /compliance/requests/<id>/order with a compliance officer token. */
  legalBasis: LegalBasis;
  noTippingOff: Scalars['Boolean']['output'];
  note: Maybe<Scalars['String']['output']>;
  /** The deadline passed while the request is still open. */
  overdue: Scalars['Boolean']['output'];
  packetId: Scalars['String']['output'];
  receivedAt: Scalars['DateTime']['output'];
  reference: Scalars['String']['output'];
  /** OPEN, or ANSWERED once every target has an approved substantive answer. */
  status: Scalars['String']['output'];
  targets: Array<FreezeTarget>;
  urgency: UrgencyClass;
};

export type DataCategory =
  | 'ATTACHMENTS'
  | 'DATES_OF_BIRTH'
  | 'IDENTITY_DOCUMENTS'
  | 'PERSONS'
  | 'PHONE_AND_HANDLE_IDENTIFIERS'
  | 'SUMMARY'
  | 'TRANSACTIONS'
  | 'WALLET_AND_ACCOUNT_IDENTIFIERS';

/** The delivery of one sealed packet to one partner. */
export type Delivery = {
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  deadlineAt: Scalars['DateTime']['output'];
  deliveredAt: Maybe<Scalars['DateTime']['output']>;
  /** The packet id. */
  id: Scalars['ID']['output'];
  lastError: Maybe<Scalars['String']['output']>;
  nextAttemptAt: Maybe<Scalars['DateTime']['output']>;
  partnerId: Scalars['String']['output'];
  /** The partner's signed receipt. */
  receipt: Maybe<Scalars['JSON']['output']>;
  status: DeliveryStatus;
};

/** QUEUED (waiting or retrying), DELIVERED (signed receipt verified), REJECTED (the partner refused it, with a signed reason), DEAD (deadline passed). */
export type DeliveryStatus =
  | 'DEAD'
  | 'DELIVERED'
  | 'QUEUED'
  | 'REJECTED';

export type FieldTransform =
  | 'DROP'
  | 'GENERALISE_YEAR'
  | 'LAST_3'
  | 'MASK';

export type FieldTransformRule = {
  /** Field path such as subjects[].dateOfBirth or subjects[].documents[].number. */
  path: Scalars['String']['output'];
  transform: FieldTransform;
};

export type FieldTransformRuleInput = {
  /** Field path such as subjects[].dateOfBirth or subjects[].documents[].number. */
  path: Scalars['String']['input'];
  transform: FieldTransform;
};

export type FreezeAction =
  | 'DISCLOSE_HOLDER'
  | 'FREEZE'
  | 'PRESERVE_RECORDS'
  | 'RELEASE';

/** An exchange's signed answer about one target, as received. */
export type FreezeAnswer = {
  /** The account holding the funds. */
  account: Maybe<Scalars['String']['output']>;
  /** FROZEN, PARTIALLY_FROZEN: the amount held. */
  amount: Maybe<Scalars['String']['output']>;
  answeredAt: Scalars['DateTime']['output'];
  asset: Maybe<Scalars['String']['output']>;
  /** When the funds were frozen or released (ISO 8601). */
  at: Maybe<Scalars['String']['output']>;
  /** FROZEN, PARTIALLY_FROZEN: when the hold lapses. */
  frozenUntil: Maybe<Scalars['String']['output']>;
  /** NEEDS_LEGAL_PROCESS: what is missing. */
  missing: Maybe<Scalars['String']['output']>;
  note: Maybe<Scalars['String']['output']>;
  packetId: Scalars['String']['output'];
  /** DECLINED: why. */
  reason: Maybe<Scalars['String']['output']>;
  receivedAt: Scalars['DateTime']['output'];
  status: FreezeAnswerStatus;
  targetId: Scalars['String']['output'];
};

export type FreezeAnswerStatus =
  | 'ACKNOWLEDGED'
  | 'DECLINED'
  | 'FROZEN'
  | 'NEEDS_LEGAL_PROCESS'
  | 'NOT_OUR_CUSTOMER'
  | 'NO_FUNDS'
  | 'PARTIALLY_FROZEN'
  | 'RELEASED';

/** Funds an exchange holds for us on one wallet or account, and when the freeze lapses. */
export type FreezeHold = {
  account: Maybe<Scalars['String']['output']>;
  amount: Maybe<Scalars['String']['output']>;
  asset: Maybe<Scalars['String']['output']>;
  caseId: Scalars['ID']['output'];
  exchangeId: Scalars['String']['output'];
  /** HELD and within the first reminder before it lapses. */
  expiringSoon: Scalars['Boolean']['output'];
  frozenAt: Maybe<Scalars['DateTime']['output']>;
  frozenUntil: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  identifierType: IdentifierType;
  /** The request whose answer set the hold as it stands. */
  requestReference: Scalars['String']['output'];
  /** HELD, RELEASED or LAPSED. */
  status: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** A request from this agency to exchanges about wallets of a case. */
export type FreezeRequest = {
  action: FreezeAction;
  caseId: Scalars['ID']['output'];
  caseReference: Scalars['String']['output'];
  copies: Array<FreezeRequestCopy>;
  decidedAt: Maybe<Scalars['DateTime']['output']>;
  decidedBy: Maybe<Scalars['String']['output']>;
  decisionComment: Maybe<Scalars['String']['output']>;
  durationDays: Maybe<Scalars['Int']['output']>;
  /** The reference of the request this one extends or lifts. */
  follows: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  legalBasis: LegalBasis;
  noTippingOff: Scalars['Boolean']['output'];
  note: Maybe<Scalars['String']['output']>;
  reference: Scalars['String']['output'];
  requestedAt: Scalars['DateTime']['output'];
  requestedBy: Scalars['String']['output'];
  /** PENDING_APPROVAL, DENIED_BY_POLICY, APPROVED, REJECTED or WITHDRAWN. */
  status: Scalars['String']['output'];
  targets: Array<FreezeTarget>;
  urgency: UrgencyClass;
};

/** One exchange's copy of a request: its own decision, deadline and answers. */
export type FreezeRequestCopy = {
  /** NONE, ACKNOWLEDGED or ANSWERED (every target has an answer other than ACKNOWLEDGED). */
  answerState: Scalars['String']['output'];
  /** Every answer received, oldest first. */
  answers: Array<FreezeAnswer>;
  /** When the answer is due (set when the copy is sealed). */
  deadlineAt: Maybe<Scalars['DateTime']['output']>;
  deliveredAt: Maybe<Scalars['DateTime']['output']>;
  exchangeId: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lastError: Maybe<Scalars['String']['output']>;
  /** The deadline passed before every target had a substantive answer. */
  overdue: Scalars['Boolean']['output'];
  packetId: Maybe<Scalars['String']['output']>;
  policyReasons: Array<Scalars['String']['output']>;
  policyVersion: Maybe<Scalars['String']['output']>;
  sentAt: Maybe<Scalars['DateTime']['output']>;
  /** PENDING_APPROVAL, DENIED_BY_POLICY, APPROVED, SENT, DELIVERED, FAILED, REJECTED or WITHDRAWN. */
  status: Scalars['String']['output'];
};

export type FreezeRequestInput = {
  action: FreezeAction;
  caseId: Scalars['ID']['input'];
  /** FREEZE only: how many days the freeze is ordered for. */
  durationDays?: InputMaybe<Scalars['Int']['input']>;
  /** Exchanges among our peers; each gets its own copy. */
  exchangeIds: Array<Scalars['String']['input']>;
  legalBasis: LegalBasisInput;
  /** The customer must not learn of the request. */
  noTippingOff: Scalars['Boolean']['input'];
  /** A message to the exchanges. */
  note?: InputMaybe<Scalars['String']['input']>;
  targets: Array<FreezeTargetInput>;
  urgency: UrgencyClass;
};

/** A wallet or exchange account a request is about. */
export type FreezeTarget = {
  /** Decimal, in the asset unit. */
  amount: Maybe<Scalars['String']['output']>;
  asset: Maybe<Scalars['String']['output']>;
  chain: Maybe<Scalars['String']['output']>;
  identifierType: IdentifierType;
  /** T1, T2, …: answers name their target by it. */
  targetId: Scalars['String']['output'];
  tokenContract: Maybe<Scalars['String']['output']>;
  transactionHashes: Maybe<Array<Scalars['String']['output']>>;
  value: Scalars['String']['output'];
};

export type FreezeTargetInput = {
  amount?: InputMaybe<Scalars['String']['input']>;
  asset?: InputMaybe<Scalars['String']['input']>;
  chain?: InputMaybe<Scalars['String']['input']>;
  /** A wallet type or EXCHANGE_ACCOUNT. */
  identifierType: IdentifierType;
  tokenContract?: InputMaybe<Scalars['String']['input']>;
  transactionHashes?: InputMaybe<Array<Scalars['String']['input']>>;
  value: Scalars['String']['input'];
};

export type GraphEdge = {
  from: Scalars['ID']['output'];
  relation: GraphRelation;
  to: Scalars['ID']['output'];
};

export type GraphNode = {
  /** Unique within the graph, e.g. "identifier:WALLET_BTC:bc1q…", "case:<uuid>". */
  id: Scalars['ID']['output'];
  kind: GraphNodeKind;
  label: Scalars['String']['output'];
};

export type GraphNodeKind =
  | 'CASE'
  | 'IDENTIFIER'
  | 'RECEIVED_CASE'
  | 'TRANSACTION'
  | 'WATCHLIST_ENTRY';

export type GraphRelation =
  | 'LISTED_IN'
  | 'MENTIONED_IN'
  | 'PAID_TO'
  | 'RECORDED_IN'
  | 'SENT';

export type HandlingCode =
  | 'INTELLIGENCE_ONLY'
  | 'NO_COURT_USE_WITHOUT_PERMISSION'
  | 'NO_ONWARD_SHARING_WITHOUT_PERMISSION';

/** What a reference we published to a partner stands for. */
export type HitCheckReference = {
  entryId: Scalars['ID']['output'];
  partnerId: Scalars['String']['output'];
};

/** One identifier's blinded hit/no-hit answer from a partner. */
export type HitCheckResult = {
  hit: Scalars['Boolean']['output'];
  /** On a hit, the partner's opaque reference: quote it when requesting the record through a share. */
  reference: Maybe<Scalars['String']['output']>;
  type: IdentifierType;
  /** The normalised value that was checked. */
  value: Scalars['String']['output'];
};

/** At an agency: an exchange saw one of our listed wallets move funds. */
export type HitReport = {
  amount: Maybe<Scalars['String']['output']>;
  asset: Maybe<Scalars['String']['output']>;
  /** The local cases alerted. */
  caseIds: Array<Scalars['ID']['output']>;
  caseReference: Maybe<Scalars['String']['output']>;
  chain: Maybe<Scalars['String']['output']>;
  direction: TransferDirection;
  entryId: Scalars['String']['output'];
  exchangeId: Scalars['String']['output'];
  hitId: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  identifierType: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  offenceCategory: Scalars['String']['output'];
  receivedAt: Scalars['DateTime']['output'];
  transactionHash: Maybe<Scalars['String']['output']>;
  value: Scalars['String']['output'];
};

/** At an exchange: which hits on the partner's entries are reported to it. */
export type HitReportRules = {
  allowed: Scalars['Boolean']['output'];
  /** Categories of the entries whose hits are reported. */
  offenceCategories: Array<OffenceCategory>;
};

export type HitReportRulesInput = {
  allowed: Scalars['Boolean']['input'];
  /** Categories of the entries whose hits are reported. */
  offenceCategories: Array<OffenceCategory>;
};

/** Where a screening hit was found on this node. */
export type HitSource =
  | 'LOCAL_CASE'
  | 'PARTNER_DATA'
  | 'WATCHLIST';

export type IdentifierGraph = {
  edges: Array<GraphEdge>;
  nodes: Array<GraphNode>;
  /** True when the node limit cut the graph short; what is shown is the part nearest the identifier. */
  truncated: Scalars['Boolean']['output'];
};

export type IdentifierInput = {
  type: IdentifierType;
  value: Scalars['String']['input'];
};

/** The category of an identifier refusal as a stable code (the reason text keeps the detail). */
export type IdentifierReasonCode =
  | 'BAD_CHECKSUM'
  | 'EMPTY'
  | 'INVALID_CHARACTER'
  | 'INVALID_FORMAT'
  | 'INVALID_PADDING'
  | 'INVALID_WITNESS_VERSION'
  | 'LEADING_ZEROS'
  | 'MIXED_CASE'
  | 'NOT_E164'
  | 'OUT_OF_RANGE'
  | 'TOO_LONG'
  | 'UNKNOWN_PREFIX'
  | 'UNSUPPORTED_TYPE'
  | 'WRONG_LENGTH';

export type IdentifierType =
  | 'BANK_ACCOUNT'
  | 'DARKWEB_HANDLE'
  | 'DOMAIN'
  | 'EMAIL'
  | 'EXCHANGE_ACCOUNT'
  | 'IP_ADDRESS'
  | 'PHONE'
  | 'TELEGRAM'
  | 'WALLET_BTC'
  | 'WALLET_EVM'
  | 'WALLET_LTC'
  | 'WALLET_TRON'
  | 'WALLET_XMR';

export type IdentifierValidation = {
  /** The form identifiers are stored and screened under. */
  normalized: Maybe<Scalars['String']['output']>;
  /** "<category>: <detail>", e.g. "bad checksum: …". */
  reason: Maybe<Scalars['String']['output']>;
  /** The reason's category as a stable code, to word it in the reader's language. */
  reasonCode: Maybe<IdentifierReasonCode>;
  valid: Scalars['Boolean']['output'];
};

export type IdentityDocument = {
  /** ISO 3166-1 alpha-2. */
  issuingCountry: Scalars['String']['output'];
  number: Scalars['String']['output'];
  type: IdentityDocumentType;
};

export type IdentityDocumentInput = {
  /** ISO 3166-1 alpha-2. */
  issuingCountry: Scalars['String']['input'];
  number: Scalars['String']['input'];
  type: IdentityDocumentType;
};

export type IdentityDocumentType =
  | 'DRIVING_LICENCE'
  | 'NATIONAL_ID'
  | 'OTHER'
  | 'PASSPORT'
  | 'RESIDENCE_PERMIT';

/** What this node accepts from one partner. */
export type InboundPolicy = {
  /** Accept packets the partner relays on behalf of another origin node? */
  acceptRelayed: Scalars['Boolean']['output'];
  /** The longest this node keeps what the partner sends. */
  maxRetentionDays: Scalars['Int']['output'];
  offenceCategories: Array<OffenceCategory>;
  tlpCeiling: Tlp;
};

export type InboundPolicyInput = {
  /** Accept packets the partner relays on behalf of another origin node? */
  acceptRelayed: Scalars['Boolean']['input'];
  /** The longest this node keeps what the partner sends. */
  maxRetentionDays: Scalars['Int']['input'];
  offenceCategories: Array<OffenceCategory>;
  tlpCeiling: Tlp;
};

/** The API key, shown this once. */
export type IssuedScreeningKey = {
  /** Send as Authorization: Bearer <apiKey> to the screening endpoint. */
  apiKey: Scalars['String']['output'];
  system: ScreeningSystem;
};

export type LegalBasis = {
  instrumentType: LegalInstrumentType;
  issuedOn: Maybe<Scalars['String']['output']>;
  issuingAuthority: Scalars['String']['output'];
  order: OrderDocument;
  reference: Scalars['String']['output'];
};

export type LegalBasisInput = {
  instrumentType: LegalInstrumentType;
  /** YYYY-MM-DD */
  issuedOn?: InputMaybe<Scalars['String']['input']>;
  issuingAuthority: Scalars['String']['input'];
  /** The case attachment holding the signed order (upload it to the case first). */
  orderAttachmentId: Scalars['String']['input'];
  /** The order's own reference, e.g. a court docket number. */
  reference: Scalars['String']['input'];
};

export type LegalInstrumentType =
  | 'ADMINISTRATIVE_REQUEST'
  | 'COURT_ORDER'
  | 'MUTUAL_LEGAL_ASSISTANCE'
  | 'PRESERVATION_ORDER'
  | 'PROSECUTOR_ORDER'
  | 'SEIZURE_WARRANT';

export type LoginResult = {
  expiresAt: Scalars['DateTime']['output'];
  /** Send as "Authorization: Bearer <token>". */
  token: Scalars['String']['output'];
};

export type Mutation = {
  acknowledgeAlert: Alert;
  /** A new entry of this node, signed by it and offered to partners as their policies allow. */
  addWatchlistEntry: WatchlistEntry;
  /** Seals the answer, signed by this exchange, for the agency. */
  approveFreezeAnswer: ComplianceAnswer;
  /** Seals each allowed copy (with its order) for its exchange and starts its answer deadline. */
  approveFreezeRequest: FreezeRequest;
  /** Seals exactly the previewed payload and queues it for delivery. */
  approveShare: ShareRequest;
  /** Turns a pending inbox item into a watchlist entry of this node, written by the approving officer. */
  approveTaxiiInboxItem: TaxiiInboxItem;
  createCase: Case;
  createUser: OfficerAccount;
  disableScreeningSystem: ScreeningSystem;
  /** Disables a partner's TAXII account; false when it had none. */
  disableTaxiiAccount: Scalars['Boolean']['output'];
  /** Disables a tool's publisher account; false when there is none. */
  disableTaxiiPublisherAccount: Scalars['Boolean']['output'];
  disableUser: OfficerAccount;
  /** An answer per target (several over time are fine); it leaves once a second compliance officer approves it. */
  draftFreezeAnswer: ComplianceAnswer;
  /** One step: ask the exchange holding a freeze to extend it. */
  extendFreeze: FreezeRequest;
  /** A MISP event's actionable attributes (to_ids) that name an identifier of a known type, standalone or in objects (a coin-address), become watchlist entries of this node (or, with caseId, identifiers of that case), by the rules of importStix: one transaction, the rest refused one by one with the reason. objectId is the attribute uuid. */
  importMisp: StixImportResult;
  /** Indicators of a STIX 2.1 bundle that name one identifier of a known type become watchlist entries of this node (or, with caseId, identifiers of that case), all in one transaction. An invalid bundle is refused whole, naming the JSON pointer at fault; unknown types, invalid values and duplicates are refused one by one with the reason. */
  importStix: StixImportResult;
  /** A new API key for a system (created if new); shown once. */
  issueScreeningKey: IssuedScreeningKey;
  /** Creates a partner's TAXII account or replaces its secret (the old one stops working at once). */
  issueTaxiiAccount: TaxiiCredentials;
  /** Creates a TAXII account for one of the agency's own tools (its MISP or OpenCTI) to publish into the inbox, or replaces its secret. What it publishes becomes watchlist entries under taxii.inboxApproval. */
  issueTaxiiPublisherAccount: TaxiiCredentials;
  /** Exchanges a username and password for a bearer token. */
  login: LoginResult;
  /** Recomputes a pending preview from the current case (or reply) and policy; whoever refreshes becomes its requester, so another officer approves it. */
  refreshSharePreview: ShareRequest;
  /** Pins a system's TLS client certificate for the mutual-TLS port. */
  registerScreeningCertificate: ScreeningSystem;
  rejectFreezeAnswer: ComplianceAnswer;
  rejectFreezeRequest: FreezeRequest;
  rejectShare: ShareRequest;
  /** Refuses a pending inbox item; the publisher's TAXII status resource gives the reason. */
  rejectTaxiiInboxItem: TaxiiInboxItem;
  /** One step: ask the exchange holding a freeze to release it. */
  releaseFreeze: FreezeRequest;
  /** Answers a partner's packet (e.g. a freeze request); leaves after a liaison officer approves. */
  replyToPacket: ShareRequest;
  /** A request to exchanges about wallets of a case, one copy per exchange; a liaison officer approves it. */
  requestFreeze: FreezeRequest;
  /** One request per partner, each with its redacted preview; a liaison officer decides. */
  requestShare: Array<ShareRequest>;
  /** Queues a dead or refused delivery again, with a fresh deadline. */
  retryDelivery: Delivery;
  /** Stops accepting packets signed under a peer certificate. */
  revokePeerCertificate: RevokedCertificate;
  /** Revokes one of our entries: a signed tombstone that partners receive too. Final. */
  revokeWatchlistEntry: WatchlistEntry;
  /** New signing and encryption keys and a new certificate; the old keys stay usable for the grace period. */
  rotateNodeKeys: NodeInfo;
  /** Creates a new version of the policy for a partner. */
  setPartnerPolicy: PartnerPolicy;
  /** Gives an account exactly these roles (effective at its next request); audited as USER_ROLES_CHANGED. */
  setUserRoles: OfficerAccount;
  /** Replaces the case content (attachments are kept); give expectedRevision to refuse a concurrent edit. */
  updateCase: Case;
  /** The next version of one of our entries; only the origin node may change an entry. */
  updateWatchlistEntry: WatchlistEntry;
  withdrawFreezeRequest: FreezeRequest;
  /** The requesting analyst takes back a pending request. */
  withdrawShare: ShareRequest;
};


export type MutationAcknowledgeAlertArgs = {
  id: Scalars['ID']['input'];
};


export type MutationAddWatchlistEntryArgs = {
  input: WatchlistEntryInput;
};


export type MutationApproveFreezeAnswerArgs = {
  comment: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
};


export type MutationApproveFreezeRequestArgs = {
  comment: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
};


export type MutationApproveShareArgs = {
  comment: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
};


export type MutationApproveTaxiiInboxItemArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateCaseArgs = {
  input: CaseInput;
};


export type MutationCreateUserArgs = {
  password: Scalars['String']['input'];
  roles: Array<Role>;
  username: Scalars['String']['input'];
};


export type MutationDisableScreeningSystemArgs = {
  systemId: Scalars['String']['input'];
};


export type MutationDisableTaxiiAccountArgs = {
  partnerId: Scalars['String']['input'];
};


export type MutationDisableTaxiiPublisherAccountArgs = {
  name: Scalars['String']['input'];
};


export type MutationDisableUserArgs = {
  username: Scalars['String']['input'];
};


export type MutationDraftFreezeAnswerArgs = {
  answers: Array<TargetAnswerInput>;
  requestId: Scalars['ID']['input'];
};


export type MutationExtendFreezeArgs = {
  durationDays: Scalars['Int']['input'];
  holdId: Scalars['ID']['input'];
  note: InputMaybe<Scalars['String']['input']>;
};


export type MutationImportMispArgs = {
  caseId: InputMaybe<Scalars['ID']['input']>;
  defaults: InputMaybe<StixImportDefaults>;
  event: Scalars['JSON']['input'];
};


export type MutationImportStixArgs = {
  bundle: Scalars['JSON']['input'];
  caseId: InputMaybe<Scalars['ID']['input']>;
  defaults: InputMaybe<StixImportDefaults>;
};


export type MutationIssueScreeningKeyArgs = {
  description: InputMaybe<Scalars['String']['input']>;
  systemId: Scalars['String']['input'];
};


export type MutationIssueTaxiiAccountArgs = {
  partnerId: Scalars['String']['input'];
};


export type MutationIssueTaxiiPublisherAccountArgs = {
  name: Scalars['String']['input'];
};


export type MutationLoginArgs = {
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationRefreshSharePreviewArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRegisterScreeningCertificateArgs = {
  certificatePem: Scalars['String']['input'];
  description: InputMaybe<Scalars['String']['input']>;
  systemId: Scalars['String']['input'];
};


export type MutationRejectFreezeAnswerArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRejectFreezeRequestArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRejectShareArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRejectTaxiiInboxItemArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationReleaseFreezeArgs = {
  holdId: Scalars['ID']['input'];
  note: InputMaybe<Scalars['String']['input']>;
};


export type MutationReplyToPacketArgs = {
  packetId: Scalars['String']['input'];
  text: Scalars['String']['input'];
};


export type MutationRequestFreezeArgs = {
  input: FreezeRequestInput;
};


export type MutationRequestShareArgs = {
  caseId: Scalars['ID']['input'];
  note: InputMaybe<Scalars['String']['input']>;
  partnerIds: Array<Scalars['String']['input']>;
  purpose: SharePurpose;
};


export type MutationRetryDeliveryArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokePeerCertificateArgs = {
  fingerprint: Scalars['String']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRevokeWatchlistEntryArgs = {
  entryId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationSetPartnerPolicyArgs = {
  partnerId: Scalars['String']['input'];
  policy: PartnerPolicyInput;
};


export type MutationSetUserRolesArgs = {
  roles: Array<Role>;
  username: Scalars['String']['input'];
};


export type MutationUpdateCaseArgs = {
  expectedRevision: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  input: CaseInput;
};


export type MutationUpdateWatchlistEntryArgs = {
  entryId: Scalars['ID']['input'];
  input: WatchlistEntryInput;
};


export type MutationWithdrawFreezeRequestArgs = {
  id: Scalars['ID']['input'];
};


export type MutationWithdrawShareArgs = {
  id: Scalars['ID']['input'];
};

/** Who this node is; public so that partners and operators can check it. */
export type NodeInfo = {
  /** SHA-256 fingerprint (hex) of the current node certificate. */
  certificateFingerprint: Scalars['String']['output'];
  certificateNotAfter: Scalars['DateTime']['output'];
  country: Scalars['String']['output'];
  /** X25519 public key that partners seal packets to (base64). */
  encryptionPublicKey: Scalars['String']['output'];
  id: Scalars['String']['output'];
  /** Identifies the current key generation (changes on rotation). */
  keyId: Scalars['String']['output'];
  /** agency or exchange (from the configuration): which screens and operations apply here. */
  kind: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** Ed25519 public key that signs this node's packets (base64). */
  signingPublicKey: Scalars['String']['output'];
  /** Software version of the node. */
  version: Scalars['String']['output'];
};

export type OffenceCategory =
  | 'CYBERCRIME'
  | 'DRUG_TRAFFICKING'
  | 'HUMAN_TRAFFICKING'
  | 'ILLEGAL_FX_CUSTOMS_FRAUD'
  | 'MONEY_LAUNDERING'
  | 'ONLINE_SCAM';

/** A person who works on this node. */
export type OfficerAccount = {
  createdAt: Scalars['DateTime']['output'];
  disabled: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  roles: Array<Role>;
  username: Scalars['String']['output'];
};

export type OnwardSharing = {
  /** May the partner relay what we send? */
  allowed: Scalars['Boolean']['output'];
  /** Node ids the partner may relay to. */
  to: Array<Scalars['String']['output']>;
};

export type OnwardSharingInput = {
  /** May the partner relay what we send? */
  allowed: Scalars['Boolean']['input'];
  /** Node ids the partner may relay to. */
  to: Array<Scalars['String']['input']>;
};

/** The order a request rests on; its SHA-256 is signed with the request. */
export type OrderDocument = {
  bytes: Scalars['Int']['output'];
  mediaType: Scalars['String']['output'];
  name: Scalars['String']['output'];
  sha256: Scalars['String']['output'];
};

/** What this node lets one partner have. */
export type OutboundPolicy = {
  approvalMode: ApprovalMode;
  dataCategories: Array<DataCategory>;
  /** At an exchange: hit reports to this partner; left out: none are sent. */
  hitReports: Maybe<HitReportRules>;
  offenceCategories: Array<OffenceCategory>;
  onwardSharing: OnwardSharing;
  purposes: Array<SharePurpose>;
  /** Answer deadlines of requests sent to this partner (an exchange); left out: PT8H, P3D, P7D. */
  requestDeadlines: Maybe<RequestDeadlines>;
  /** How long the partner may keep what we send. */
  retentionDays: Scalars['Int']['output'];
  tlpCeiling: Tlp;
  transforms: Array<FieldTransformRule>;
  /** Offence categories of the watchlist entries the partner receives. */
  watchlistCategories: Array<OffenceCategory>;
};

export type OutboundPolicyInput = {
  approvalMode: ApprovalMode;
  dataCategories: Array<DataCategory>;
  /** At an exchange: hit reports to this partner; left out: none are sent. */
  hitReports?: InputMaybe<HitReportRulesInput>;
  offenceCategories: Array<OffenceCategory>;
  onwardSharing: OnwardSharingInput;
  purposes: Array<SharePurpose>;
  /** Answer deadlines of requests sent to this partner (an exchange); left out: PT8H, P3D, P7D. */
  requestDeadlines?: InputMaybe<RequestDeadlinesInput>;
  /** How long the partner may keep what we send. */
  retentionDays: Scalars['Int']['input'];
  tlpCeiling: Tlp;
  transforms: Array<FieldTransformRuleInput>;
  /** Offence categories of the watchlist entries the partner receives. */
  watchlistCategories: Array<OffenceCategory>;
};

/** One version of the sharing policy for one partner. */
export type PartnerPolicy = {
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  inbound: Maybe<InboundPolicy>;
  outbound: Maybe<OutboundPolicy>;
  partnerId: Scalars['String']['output'];
  /** The version string packets carry, e.g. kr-knpa/kh-cnp/v3. */
  policyVersion: Scalars['String']['output'];
  version: Scalars['Int']['output'];
};

export type PartnerPolicyInput = {
  /** Leave out to accept nothing from this partner. */
  inbound?: InputMaybe<InboundPolicyInput>;
  /** Leave out to share nothing with this partner. */
  outbound?: InputMaybe<OutboundPolicyInput>;
};

/** A partner node as this node sees it: address, certificates, watchlist sync and delivery backlog. */
export type Peer = {
  certificates: Array<PeerCertificate>;
  id: Scalars['String']['output'];
  /** agency or exchange (from the configuration). */
  kind: Scalars['String']['output'];
  /** The partner agency's name from the configuration (peers[].name). */
  name: Maybe<Scalars['String']['output']>;
  /** When the oldest still-queued packet was queued. */
  oldestQueuedAt: Maybe<Scalars['DateTime']['output']>;
  /** Pinned certificate fingerprint from the configuration, if any. */
  pinnedFingerprint: Maybe<Scalars['String']['output']>;
  /** Packets to this peer still QUEUED. */
  queuedDeliveries: Scalars['Int']['output'];
  url: Scalars['String']['output'];
  watchlistSync: Array<WatchlistSyncState>;
};

/** A certificate a peer has presented to this node (signed packets or TLS). */
export type PeerCertificate = {
  /** SHA-256 fingerprint (lower-case hex). */
  fingerprint: Scalars['String']['output'];
  firstSeenAt: Scalars['DateTime']['output'];
  notAfter: Scalars['DateTime']['output'];
  notBefore: Scalars['DateTime']['output'];
  /** Revoked on this node. */
  revoked: Scalars['Boolean']['output'];
  /** When a newer certificate of the peer replaced it (key rotation). */
  supersededAt: Maybe<Scalars['DateTime']['output']>;
};

export type Person = {
  aliases: Maybe<Array<Scalars['String']['output']>>;
  /** YYYY-MM-DD, or YYYY where a policy generalised it. */
  dateOfBirth: Maybe<Scalars['String']['output']>;
  documents: Maybe<Array<IdentityDocument>>;
  id: Maybe<Scalars['String']['output']>;
  names: Array<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-2. */
  nationality: Maybe<Scalars['String']['output']>;
};

export type PersonInput = {
  aliases?: InputMaybe<Array<Scalars['String']['input']>>;
  /** YYYY-MM-DD, or YYYY where a policy generalised it. */
  dateOfBirth?: InputMaybe<Scalars['String']['input']>;
  documents?: InputMaybe<Array<IdentityDocumentInput>>;
  id?: InputMaybe<Scalars['String']['input']>;
  names: Array<Scalars['String']['input']>;
  /** ISO 3166-1 alpha-2. */
  nationality?: InputMaybe<Scalars['String']['input']>;
};

/** A case field a policy may transform, and the transforms that apply. */
export type PolicyFieldTransforms = {
  /** e.g. subjects[].dateOfBirth */
  path: Scalars['String']['output'];
  transforms: Array<FieldTransform>;
};

/** Something setPartnerPolicy would refuse, and the input field at fault. */
export type PolicyProblem = {
  /** e.g. policy.outbound.transforms.0.path */
  field: Scalars['String']['output'];
  message: Scalars['String']['output'];
};

/** A sentence of the sharing policy as a stable code with parameters, for clients that word it in the reader's language. */
export type PolicyText = {
  code: PolicyTextCode;
  /** Named values of the sentence: codes and node ids as strings, lists as arrays, counts as numbers. */
  params: Scalars['JSON']['output'];
  /** The English sentence itself. */
  text: Scalars['String']['output'];
};

/** What a policy reason or a removal rule says, as a stable code; OTHER for a sentence this node's templates do not know. */
export type PolicyTextCode =
  | 'DATA_CATEGORY_NOT_ALLOWED'
  | 'FIELDS_WITHHELD'
  | 'INTELLIGENCE_ONLY_NOT_FOR_PROSECUTION'
  | 'NO_OUTBOUND_POLICY'
  | 'NO_OUTBOUND_POLICY_FOR_REPLY'
  | 'OFFENCE_CATEGORIES_NOT_ALLOWED'
  | 'OFFENCE_CATEGORIES_SHARED'
  | 'OFFENCE_CATEGORIES_SHARED_SOME_WITHHELD'
  | 'OFFENCE_CATEGORY_NOT_ALLOWED'
  | 'ONWARD_SHARING_FORBIDDEN_BY_CASE'
  | 'ONWARD_SHARING_NOT_ALLOWED'
  | 'ONWARD_SHARING_TO'
  | 'OTHER'
  | 'PURPOSE_ALLOWED'
  | 'PURPOSE_NOT_ALLOWED'
  | 'REPLY_TO_PACKET'
  | 'REQUEST_TARGET_WITHHELD'
  | 'RETENTION'
  | 'TLP_ABOVE_CEILING'
  | 'TLP_WITHIN_CEILING'
  | 'TRANSFORM';

export type Query = {
  /** Alerts, newest first; all of them unless a status is given. */
  alerts: Array<Alert>;
  /** The tamper-evident audit trail, newest first; for auditors only. */
  auditLog: AuditLogPage;
  case: Case;
  /** What partners sent back about one of our cases (replies to our shares). */
  caseReplies: Array<ReceivedPacket>;
  cases: Array<Case>;
  /** Every problem setPartnerPolicy would find in this policy (empty: it would be accepted); nothing is stored. */
  checkPartnerPolicy: Array<PolicyProblem>;
  /** Answers, newest first (PENDING_APPROVAL: waiting for a second officer). */
  complianceAnswers: Array<ComplianceAnswer>;
  /** Requests from agencies: open ones first, soonest deadline first. */
  complianceQueue: Array<ComplianceRequest>;
  complianceRequest: ComplianceRequest;
  /** Outbound deliveries, newest first: attempts, last error, next attempt. */
  deliveries: Array<Delivery>;
  /** The case as a MISP event (core format), redacted by the outbound policy for the partner exactly as a packet would be (purpose INTELLIGENCE_PICTURE unless told). Liaison officers only: it is a release of case data. */
  exportCaseMisp: Scalars['JSON']['output'];
  /** The case as a STIX 2.1 bundle, redacted by the outbound policy for the partner exactly as a packet would be (purpose INTELLIGENCE_PICTURE unless told). Liaison officers only: it is a release of case data. */
  exportCaseStix: Scalars['JSON']['output'];
  /** Watchlist entries as a STIX 2.1 bundle: with partnerId, exactly what that partner's watchlist feed carries (revocations as revoked indicators); without, our live watchlist. At most `first` entries (default 1000, max 10000). */
  exportWatchlistStix: Scalars['JSON']['output'];
  /** Freezes held at exchanges for us, soonest end first. */
  freezeHolds: Array<FreezeHold>;
  freezeRequest: FreezeRequest;
  /** Requests to exchanges, newest first. */
  freezeRequests: Array<FreezeRequest>;
  /** Which of our watchlist entries a reference a partner quotes stands for. */
  hitCheckReference: HitCheckReference;
  /** At an agency: exchanges' reports of our listed wallets, newest first. */
  hitReports: Array<HitReport>;
  /** Cases, received cases, transactions, counterparties and watchlist entries linked to an identifier, breadth-first up to depth hops (max 4), at most 500 nodes. */
  identifierGraph: IdentifierGraph;
  /** Packets partners sent, newest first. */
  inboundPackets: Array<ReceivedPacket>;
  /** The account of the caller. */
  me: OfficerAccount;
  nodeInfo: NodeInfo;
  /** Replies partners sent to one packet (ours or theirs), oldest first. */
  packetReplies: Array<ReceivedPacket>;
  /** Blinded hit/no-hit against a partner's watchlist: the partner never sees the identifiers; a hit gives only a reference. Counts against our hourly budget there. */
  partnerHitCheck: Array<HitCheckResult>;
  /** The latest policy of every partner. */
  partnerPolicies: Array<PartnerPolicy>;
  /** The latest policy for a partner, or a given version. */
  partnerPolicy: PartnerPolicy;
  /** The configured partner nodes: certificates seen, watchlist sync lag and delivery backlog. */
  peers: Array<Peer>;
  /** The case fields a policy may transform, each with the transforms that apply to it. */
  policyFieldTransforms: Array<PolicyFieldTransforms>;
  /** A case a partner sent, by its id here. */
  receivedCase: ReceivedPacket;
  revokedCertificates: Array<RevokedCertificate>;
  /** Every hit for each identifier in local cases, the live watchlist and partner data; up to 10,000 per call, results in input order. */
  screen: Array<ScreeningResult>;
  /** The exchange's systems allowed to screen. */
  screeningSystems: Array<ScreeningSystem>;
  /** What left this node: every approved share and reply with its sealed content, requester, approver and delivery, newest decision first. For auditors. */
  sentShares: Array<ShareRequest>;
  shareRequest: ShareRequest;
  shareRequests: Array<ShareRequest>;
  taxiiAccounts: Array<TaxiiAccount>;
  /** What the agency's tools published into the TAXII inbox that is (or was) to become a watchlist entry. */
  taxiiInboxItems: Array<TaxiiInboxItem>;
  users: Array<OfficerAccount>;
  /** Checks and normalises an identifier of any type; an invalid one names the reason. */
  validateIdentifier: IdentifierValidation;
  /** Walks the whole audit chain now (as npm run audit:verify does) and reports the first broken link; for auditors only. */
  verifyAuditChain: AuditVerification;
  /** At an exchange: screened wallets that are listed, newest first. */
  walletHits: Array<WalletHit>;
  /** Our and our partners' entries in change order; revoked and expired ones only when asked. */
  watchlist: WatchlistPage;
};


export type QueryAlertsArgs = {
  first?: Scalars['Int']['input'];
  status: InputMaybe<AlertStatus>;
};


export type QueryAuditLogArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  filter: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCaseArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCaseRepliesArgs = {
  caseId: Scalars['ID']['input'];
};


export type QueryCasesArgs = {
  first?: Scalars['Int']['input'];
  offset?: Scalars['Int']['input'];
};


export type QueryCheckPartnerPolicyArgs = {
  partnerId: Scalars['String']['input'];
  policy: PartnerPolicyInput;
};


export type QueryComplianceAnswersArgs = {
  first?: Scalars['Int']['input'];
  status: InputMaybe<Scalars['String']['input']>;
};


export type QueryComplianceQueueArgs = {
  first?: Scalars['Int']['input'];
  status: InputMaybe<Scalars['String']['input']>;
};


export type QueryComplianceRequestArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDeliveriesArgs = {
  first?: Scalars['Int']['input'];
  status: InputMaybe<DeliveryStatus>;
};


export type QueryExportCaseMispArgs = {
  caseId: Scalars['ID']['input'];
  partnerId: Scalars['String']['input'];
  purpose: InputMaybe<SharePurpose>;
};


export type QueryExportCaseStixArgs = {
  caseId: Scalars['ID']['input'];
  partnerId: Scalars['String']['input'];
  purpose: InputMaybe<SharePurpose>;
};


export type QueryExportWatchlistStixArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  partnerId: InputMaybe<Scalars['String']['input']>;
};


export type QueryFreezeHoldsArgs = {
  caseId: InputMaybe<Scalars['ID']['input']>;
  first?: Scalars['Int']['input'];
};


export type QueryFreezeRequestArgs = {
  id: Scalars['ID']['input'];
};


export type QueryFreezeRequestsArgs = {
  caseId: InputMaybe<Scalars['ID']['input']>;
  first?: Scalars['Int']['input'];
  status: InputMaybe<Scalars['String']['input']>;
};


export type QueryHitCheckReferenceArgs = {
  reference: Scalars['String']['input'];
};


export type QueryHitReportsArgs = {
  caseId: InputMaybe<Scalars['ID']['input']>;
  first?: Scalars['Int']['input'];
};


export type QueryIdentifierGraphArgs = {
  depth?: Scalars['Int']['input'];
  type: IdentifierType;
  value: Scalars['String']['input'];
};


export type QueryInboundPacketsArgs = {
  first?: Scalars['Int']['input'];
};


export type QueryPacketRepliesArgs = {
  packetId: Scalars['String']['input'];
};


export type QueryPartnerHitCheckArgs = {
  identifiers: Array<IdentifierInput>;
  partnerId: Scalars['String']['input'];
};


export type QueryPartnerPolicyArgs = {
  partnerId: Scalars['String']['input'];
  version: InputMaybe<Scalars['Int']['input']>;
};


export type QueryReceivedCaseArgs = {
  id: Scalars['ID']['input'];
};


export type QueryScreenArgs = {
  identifiers: Array<IdentifierInput>;
};


export type QuerySentSharesArgs = {
  first?: Scalars['Int']['input'];
  partnerId: InputMaybe<Scalars['String']['input']>;
};


export type QueryShareRequestArgs = {
  id: Scalars['ID']['input'];
};


export type QueryShareRequestsArgs = {
  first?: Scalars['Int']['input'];
  status: InputMaybe<ShareStatus>;
};


export type QueryTaxiiInboxItemsArgs = {
  first?: Scalars['Int']['input'];
  state?: TaxiiInboxItemState;
};


export type QueryValidateIdentifierArgs = {
  type: IdentifierType;
  value: Scalars['String']['input'];
};


export type QueryWalletHitsArgs = {
  first?: Scalars['Int']['input'];
};


export type QueryWatchlistArgs = {
  after: InputMaybe<Scalars['String']['input']>;
  filter: InputMaybe<WatchlistFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A case or reply a partner sent, with its provenance. Read-only. */
export type ReceivedPacket = {
  caseReference: Maybe<Scalars['String']['output']>;
  /** The content exactly as the origin sealed it. */
  content: Scalars['JSON']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** The peer that delivered it (the origin unless relayed). */
  deliveredBy: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  inReplyTo: Maybe<Scalars['String']['output']>;
  /** For a reply to one of our packets: the local case it belongs to. */
  localCaseId: Maybe<Scalars['ID']['output']>;
  /** The node that signed the packet. */
  originNode: Scalars['String']['output'];
  packetId: Scalars['String']['output'];
  /** The origin's policy version that shaped the content. */
  policyVersion: Scalars['String']['output'];
  receivedAt: Scalars['DateTime']['output'];
  /** Purged from this node after this time. */
  retentionUntil: Scalars['DateTime']['output'];
  /** SHA-256 fingerprint of the origin certificate that signed it. */
  senderCertificateFingerprint: Scalars['String']['output'];
  /** The origin signature and certificate were verified on receipt (packets failing that are never stored). */
  signatureVerified: Scalars['Boolean']['output'];
  title: Maybe<Scalars['String']['output']>;
  tlp: Maybe<Scalars['String']['output']>;
  /** case or reply. */
  type: Scalars['String']['output'];
};

/** A part of the case that does not leave as written, and the rule that removed or changed it. */
export type RemovedField = {
  /** Path in the case, e.g. subjects[0].documents. */
  path: Scalars['String']['output'];
  rule: Scalars['String']['output'];
  /** The rule as a stable code with parameters. */
  ruleText: PolicyText;
};

/** Answer deadline per urgency class, as ISO 8601 durations. */
export type RequestDeadlines = {
  /** Default P7D. */
  ROUTINE: Scalars['String']['output'];
  /** Default P3D. */
  STANDARD: Scalars['String']['output'];
  /** Default PT8H. */
  URGENT: Scalars['String']['output'];
};

export type RequestDeadlinesInput = {
  /** Default P7D. */
  ROUTINE: Scalars['String']['input'];
  /** Default P3D. */
  STANDARD: Scalars['String']['input'];
  /** Default PT8H. */
  URGENT: Scalars['String']['input'];
};

export type RequestKind =
  | 'FREEZE_REQUEST'
  | 'REQUEST_FOR_INFORMATION';

/** A peer certificate this node no longer accepts. */
export type RevokedCertificate = {
  /** SHA-256 fingerprint of the certificate (lower-case hex). */
  fingerprint: Scalars['String']['output'];
  nodeId: Maybe<Scalars['String']['output']>;
  reason: Scalars['String']['output'];
  revokedAt: Scalars['DateTime']['output'];
  revokedBy: Scalars['String']['output'];
};

/** What an officer account may do on this node. */
export type Role =
  | 'ADMIN'
  | 'ANALYST'
  | 'AUDITOR'
  | 'COMPLIANCE_OFFICER'
  | 'LIAISON_OFFICER';

export type ScreeningHit = {
  /** LOCAL_CASE only. */
  caseId: Maybe<Scalars['ID']['output']>;
  caseReference: Maybe<Scalars['String']['output']>;
  /** WATCHLIST only. */
  offenceCategory: Maybe<OffenceCategory>;
  /** PARTNER_DATA only. */
  receivedPacketId: Maybe<Scalars['ID']['output']>;
  /** WATCHLIST only. */
  severity: Maybe<WatchlistSeverity>;
  source: HitSource;
  /** The node the data comes from: this node for local cases, the origin for watchlist entries and partner data. */
  sourceNode: Scalars['String']['output'];
  /** LOCAL_CASE and PARTNER_DATA. */
  tlp: Maybe<Tlp>;
  /** WATCHLIST only. */
  watchlistEntryId: Maybe<Scalars['ID']['output']>;
};

/** One per input identifier, in input order. */
export type ScreeningResult = {
  hits: Array<ScreeningHit>;
  normalized: Maybe<Scalars['String']['output']>;
  /** Why the value is not a valid identifier of its type; it was not screened. */
  reason: Maybe<Scalars['String']['output']>;
  /** The reason's category as a stable code, to word it in the reader's language. */
  reasonCode: Maybe<IdentifierReasonCode>;
  type: IdentifierType;
  valid: Scalars['Boolean']['output'];
  /** The value as given. */
  value: Scalars['String']['output'];
};

/** One of the exchange's systems allowed to call the screening endpoint. */
export type ScreeningSystem = {
  /** SHA-256 of the pinned client certificate (DER), hex. */
  certificateSha256: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  description: Maybe<Scalars['String']['output']>;
  disabledAt: Maybe<Scalars['DateTime']['output']>;
  /** An API key is set (only its SHA-256 is stored). */
  hasApiKey: Scalars['Boolean']['output'];
  id: Scalars['String']['output'];
};

export type SharePurpose =
  | 'ASSET_FREEZE'
  | 'INTELLIGENCE_PICTURE'
  | 'INVESTIGATION'
  | 'PROSECUTION';

/** A request to share one case with one partner. */
export type ShareRequest = {
  caseId: Maybe<Scalars['ID']['output']>;
  caseReference: Scalars['String']['output'];
  /** Case revision the preview was computed from. */
  caseRevision: Scalars['Int']['output'];
  decidedAt: Maybe<Scalars['DateTime']['output']>;
  decidedBy: Maybe<Scalars['String']['output']>;
  /** The approval comment or the rejection reason. */
  decisionComment: Maybe<Scalars['String']['output']>;
  deliveredAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** For a reply: the id of the partner packet it answers. */
  inReplyTo: Maybe<Scalars['String']['output']>;
  /** CASE: a local case shared; REPLY: an answer to a partner's packet. */
  kind: Scalars['String']['output'];
  lastError: Maybe<Scalars['String']['output']>;
  note: Maybe<Scalars['String']['output']>;
  packetId: Maybe<Scalars['String']['output']>;
  partnerId: Scalars['String']['output'];
  /** policyReasons as stable codes with parameters, in the same order, to word in the reader's language. */
  policyReasonTexts: Array<PolicyText>;
  /** Why the policy allowed or denied the share, for the officer. */
  policyReasons: Array<Scalars['String']['output']>;
  /** Policy version that shaped the preview, e.g. kr-knpa/kh-cnp/v2. */
  policyVersion: Maybe<Scalars['String']['output']>;
  /** Exactly what would leave the node for this partner. */
  preview: Maybe<Scalars['JSON']['output']>;
  previewComputedAt: Scalars['DateTime']['output'];
  /** Officers who requested or refreshed it before the current requester; none of them may decide it. */
  previousRequesters: Array<Scalars['String']['output']>;
  purpose: SharePurpose;
  removed: Array<RemovedField>;
  requestedAt: Scalars['DateTime']['output'];
  /** Who asked for what the preview holds: the requester, or whoever refreshed it since. */
  requestedBy: Scalars['String']['output'];
  sentAt: Maybe<Scalars['DateTime']['output']>;
  /** The case or the policy changed after the preview was computed: refresh it before approving. */
  stale: Scalars['Boolean']['output'];
  status: ShareStatus;
};

/** PENDING_APPROVAL → APPROVED → SENT → DELIVERED or FAILED; or REJECTED, DENIED_BY_POLICY, WITHDRAWN. */
export type ShareStatus =
  | 'APPROVED'
  | 'DELIVERED'
  | 'DENIED_BY_POLICY'
  | 'FAILED'
  | 'PENDING_APPROVAL'
  | 'REJECTED'
  | 'SENT'
  | 'WITHDRAWN';

/** Admiralty source reliability grade A-D. */
export type SourceReliability =
  | 'A'
  | 'B'
  | 'C'
  | 'D';

/** What imported watchlist entries get when their indicator does not say (labels offence:…, severity:…, valid_until). */
export type StixImportDefaults = {
  offenceCategory?: InputMaybe<OffenceCategory>;
  /** MEDIUM unless told. */
  severity?: InputMaybe<WatchlistSeverity>;
  /** Days an entry stays valid when its indicator has no valid_until (default 365). */
  validDays?: InputMaybe<Scalars['Int']['input']>;
};

export type StixImportResult = {
  /** The case revision after the import (case imports). */
  caseRevision: Maybe<Scalars['Int']['output']>;
  imported: Array<StixImported>;
  /** Objects other than indicators (identities, markings, observables …), read but not imported. */
  otherObjects: Scalars['Int']['output'];
  refused: Array<StixRefused>;
  /** WATCHLIST, or the id of the case the identifiers were added to. */
  target: Scalars['String']['output'];
};

/** An indicator that became a watchlist entry or a case identifier. */
export type StixImported = {
  /** The new watchlist entry (watchlist imports). */
  entryId: Maybe<Scalars['String']['output']>;
  /** The new identifier id in the case (case imports). */
  identifierId: Maybe<Scalars['String']['output']>;
  identifierType: IdentifierType;
  /** The STIX id of the indicator. */
  objectId: Scalars['String']['output'];
  /** The normalised identifier. */
  value: Scalars['String']['output'];
};

/** A bundle object that was not imported, and why. */
export type StixRefused = {
  objectId: Scalars['String']['output'];
  reason: Scalars['String']['output'];
};

export type Subscription = {
  /** Alerts as they are raised on any replica of this node (graphql-ws over /graphql). */
  alertRaised: Alert;
};

/** An exchange's answer about one target. */
export type TargetAnswer = {
  /** The account holding the funds. */
  account: Maybe<Scalars['String']['output']>;
  /** FROZEN, PARTIALLY_FROZEN: the amount held. */
  amount: Maybe<Scalars['String']['output']>;
  asset: Maybe<Scalars['String']['output']>;
  /** When the funds were frozen or released (ISO 8601). */
  at: Maybe<Scalars['String']['output']>;
  /** FROZEN, PARTIALLY_FROZEN: when the hold lapses. */
  frozenUntil: Maybe<Scalars['String']['output']>;
  /** NEEDS_LEGAL_PROCESS: what is missing. */
  missing: Maybe<Scalars['String']['output']>;
  note: Maybe<Scalars['String']['output']>;
  /** DECLINED: why. */
  reason: Maybe<Scalars['String']['output']>;
  status: FreezeAnswerStatus;
  targetId: Scalars['String']['output'];
};

export type TargetAnswerInput = {
  /** The account holding the funds. */
  account?: InputMaybe<Scalars['String']['input']>;
  /** FROZEN, PARTIALLY_FROZEN: the amount held. */
  amount?: InputMaybe<Scalars['String']['input']>;
  asset?: InputMaybe<Scalars['String']['input']>;
  /** When the funds were frozen or released (ISO 8601). */
  at?: InputMaybe<Scalars['String']['input']>;
  /** FROZEN, PARTIALLY_FROZEN: when the hold lapses. */
  frozenUntil?: InputMaybe<Scalars['String']['input']>;
  /** NEEDS_LEGAL_PROCESS: what is missing. */
  missing?: InputMaybe<Scalars['String']['input']>;
  note?: InputMaybe<Scalars['String']['input']>;
  /** DECLINED: why. */
  reason?: InputMaybe<Scalars['String']['input']>;
  status: FreezeAnswerStatus;
  targetId: Scalars['String']['input'];
};

export type TaxiiAccount = {
  collectionId: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  disabledAt: Maybe<Scalars['DateTime']['output']>;
  kind: TaxiiAccountKind;
  /** The partner, for a PARTNER account. */
  partnerId: Maybe<Scalars['String']['output']>;
  username: Scalars['String']['output'];
};

/** PARTNER reads that partner's collection; PUBLISHER is one of the agency's own tools writing into the inbox. */
export type TaxiiAccountKind =
  | 'PARTNER'
  | 'PUBLISHER';

/** HTTP Basic credentials for the TAXII listener (/taxii2/); the password is shown only now. */
export type TaxiiCredentials = {
  /** The id of the account's collection (a partner's feed, or the inbox). */
  collectionId: Scalars['String']['output'];
  password: Scalars['String']['output'];
  username: Scalars['String']['output'];
};

/** An indicator or observable one of the agency's own tools published into the TAXII inbox. */
export type TaxiiInboxItem = {
  decidedAt: Maybe<Scalars['DateTime']['output']>;
  decidedBy: Maybe<Scalars['String']['output']>;
  /** The watchlist entry it became. */
  entryId: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  identifierType: IdentifierType;
  message: Maybe<Scalars['String']['output']>;
  /** The STIX id of the object. */
  objectId: Scalars['String']['output'];
  offenceCategory: OffenceCategory;
  /** The publisher account (taxiiAccounts, kind PUBLISHER). */
  publisher: Scalars['String']['output'];
  reason: Scalars['String']['output'];
  /** When the request came in (TAXII timestamp). */
  receivedAt: Scalars['String']['output'];
  severity: WatchlistSeverity;
  state: TaxiiInboxItemState;
  /** The TAXII status resource of the request it came in. */
  statusId: Scalars['String']['output'];
  validUntil: Scalars['String']['output'];
  /** The normalised identifier. */
  value: Scalars['String']['output'];
};

/** PENDING waits for a liaison officer; SUCCESS became (or already was) a watchlist entry; FAILURE was refused. */
export type TaxiiInboxItemState =
  | 'FAILURE'
  | 'PENDING'
  | 'SUCCESS';

/** TLP 2.0 marking; AMBER_STRICT is AMBER+STRICT. */
export type Tlp =
  | 'AMBER'
  | 'AMBER_STRICT'
  | 'CLEAR'
  | 'GREEN'
  | 'RED';

export type TransferDirection =
  | 'DEPOSIT'
  | 'WITHDRAWAL';

/** URGENT (default 8 hours), STANDARD (3 days), ROUTINE (7 days): EU 2023/977; deadlines set per policy. */
export type UrgencyClass =
  | 'ROUTINE'
  | 'STANDARD'
  | 'URGENT';

/** At an exchange: a screened wallet that is on the watchlist. */
export type WalletHit = {
  amount: Maybe<Scalars['String']['output']>;
  asset: Maybe<Scalars['String']['output']>;
  /** Null for a lookup without a transfer. */
  direction: Maybe<TransferDirection>;
  entryId: Scalars['String']['output'];
  /** The agency that listed the wallet. */
  entryOrigin: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  identifierType: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  offenceCategory: Scalars['String']['output'];
  packetId: Maybe<Scalars['String']['output']>;
  recordedAt: Scalars['DateTime']['output'];
  /** NOT_A_TRANSFER, NOT_ALLOWED (policy), QUEUED, SENT, DELIVERED or FAILED. */
  report: Scalars['String']['output'];
  systemId: Scalars['String']['output'];
  transactionHash: Maybe<Scalars['String']['output']>;
  value: Scalars['String']['output'];
};

/** The latest version we hold of a watchlist entry, ours or a partner's (signature verified on receipt). */
export type WatchlistEntry = {
  caseReference: Maybe<Scalars['String']['output']>;
  /** Position in this node's change order (the paging cursor). */
  changeSeq: Scalars['String']['output'];
  /** For our own entries: the officer behind this version. */
  changedBy: Maybe<Scalars['String']['output']>;
  /** Chosen by the origin; with the origin it names the entry. */
  entryId: Scalars['ID']['output'];
  /** Past validUntil: treated as absent everywhere. */
  expired: Scalars['Boolean']['output'];
  identifierType: IdentifierType;
  offenceCategory: OffenceCategory;
  /** The node that created the entry; only it may change or revoke it. */
  origin: Scalars['String']['output'];
  /** Why it is listed; for a revoked entry, why it was revoked. */
  reason: Scalars['String']['output'];
  /** The peer that delivered it (the origin, or a relay); null for our own entries. */
  receivedFrom: Maybe<Scalars['String']['output']>;
  /** A revoked entry is a tombstone: final. */
  revoked: Scalars['Boolean']['output'];
  severity: WatchlistSeverity;
  /** When the origin made this version. */
  updatedAt: Scalars['DateTime']['output'];
  validUntil: Scalars['DateTime']['output'];
  /** Normalised identifier value. */
  value: Scalars['String']['output'];
  /** Counts up at the origin with every change. */
  version: Scalars['Int']['output'];
};

export type WatchlistEntryInput = {
  caseReference?: InputMaybe<Scalars['String']['input']>;
  /** Fixed for the life of the entry. */
  identifierType: IdentifierType;
  /** Decides which partners receive the entry; fixed for the life of the entry. */
  offenceCategory: OffenceCategory;
  reason: Scalars['String']['input'];
  severity: WatchlistSeverity;
  /** In the future; an update may only move it later (revoke to end an entry now). */
  validUntil: Scalars['DateTime']['input'];
  /** Any spelling; stored normalised. Fixed for the life of the entry. */
  value: Scalars['String']['input'];
};

export type WatchlistFilter = {
  identifierType?: InputMaybe<IdentifierType>;
  includeExpired?: InputMaybe<Scalars['Boolean']['input']>;
  includeRevoked?: InputMaybe<Scalars['Boolean']['input']>;
  offenceCategory?: InputMaybe<OffenceCategory>;
  origin?: InputMaybe<Scalars['String']['input']>;
  /** Normalised before matching when identifierType is given. */
  value?: InputMaybe<Scalars['String']['input']>;
};

export type WatchlistPage = {
  /** Pass as `after` for the next page. */
  endCursor: Maybe<Scalars['String']['output']>;
  entries: Array<WatchlistEntry>;
  hasMore: Scalars['Boolean']['output'];
};

export type WatchlistSeverity =
  | 'CRITICAL'
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

/** How far the watchlist feed has travelled between this node and a peer, one way. */
export type WatchlistSyncState = {
  /** The change sequence reached (PUSH: ours; PULL: the peer's). */
  cursor: Scalars['String']['output'];
  /** PUSH (our feed to the peer) or PULL (the peer's feed to us). */
  direction: Scalars['String']['output'];
  /** Seconds since the last successful exchange; null if there never was one. */
  lagSeconds: Maybe<Scalars['Float']['output']>;
  lastError: Maybe<Scalars['String']['output']>;
  lastSuccessAt: Maybe<Scalars['DateTime']['output']>;
};
