import type {
  FreezeAction,
  FreezeAnswerStatus,
  IdentifierType,
  LegalInstrumentType,
  OffenceCategory,
  Tlp,
  TransferDirection,
  UrgencyClass,
} from '../kernel/vocabulary/index.js';

// The packet bodies agencies and exchanges exchange about freezes and wallet hits. Their contract is
// the JSON Schemas in docs/schemas/ (wire-schemas.ts validates with those same files); these types
// are how the code sees a body that passed them.

export const FREEZE_REQUEST_PACKET = 'freeze-request';
export const FREEZE_ANSWER_PACKET = 'freeze-answer';
/** The HIT_REPORT packet of the issue; packet types on the wire are lower-case. */
export const HIT_REPORT_PACKET = 'hit-report';

export type FreezeWirePacketType =
  typeof FREEZE_REQUEST_PACKET | typeof FREEZE_ANSWER_PACKET | typeof HIT_REPORT_PACKET;

export interface OrderDocument {
  name: string;
  mediaType: string;
  /** Lower-case hex SHA-256 of the document. */
  sha256: string;
  bytes: number;
}

export interface LegalBasis {
  instrumentType: LegalInstrumentType;
  reference: string;
  issuingAuthority: string;
  issuedOn?: string;
}

export interface FreezeTarget {
  targetId: string;
  identifierType: IdentifierType;
  /** Normalised by the node's identifier validators. */
  value: string;
  chain?: string;
  asset?: string;
  tokenContract?: string;
  amount?: string;
  transactionHashes?: string[];
}

/** Marking and terms every body carries, so inbound policy can judge it like a case. */
interface Terms {
  tlp: Tlp;
  retentionDays: number;
}

export interface FreezeRequestBody extends Terms {
  kind: typeof FREEZE_REQUEST_PACKET;
  requestId: string;
  reference: string;
  caseReference: string;
  action: FreezeAction;
  legalBasis: LegalBasis & { order: OrderDocument & { content: string } };
  targets: FreezeTarget[];
  durationDays?: number;
  noTippingOff: boolean;
  urgency: UrgencyClass;
  deadlineAt: string;
  follows?: string;
  note?: string;
  offenceCategories: OffenceCategory[];
}

export interface TargetAnswer {
  targetId: string;
  status: FreezeAnswerStatus;
  amount?: string;
  asset?: string;
  account?: string;
  at?: string;
  frozenUntil?: string;
  missing?: string;
  reason?: string;
  note?: string;
}

export interface FreezeAnswerBody extends Terms {
  kind: typeof FREEZE_ANSWER_PACKET;
  requestId: string;
  reference: string;
  answerId: string;
  answers: TargetAnswer[];
  answeredAt: string;
  offenceCategories: OffenceCategory[];
}

export interface ReportedHit {
  hitId: string;
  entry: { origin: string; entryId: string; offenceCategory: OffenceCategory; caseReference?: string };
  identifierType: IdentifierType;
  value: string;
  direction: TransferDirection;
  transactionHash?: string;
  amount?: string;
  asset?: string;
  chain?: string;
  occurredAt: string;
}

export interface HitReportBody extends Terms {
  kind: typeof HIT_REPORT_PACKET;
  hits: ReportedHit[];
  reportedAt: string;
}

/** Drops undefined members: canonical JSON has no `undefined`, and the schemas forbid null. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
