// The words of requests from agencies to exchanges and of the exchanges' answers and hit reports.

/** What an agency asks an exchange to do with the targets. */
export const FREEZE_ACTIONS = ['FREEZE', 'PRESERVE_RECORDS', 'DISCLOSE_HOLDER', 'RELEASE'] as const;
export type FreezeAction = (typeof FREEZE_ACTIONS)[number];

/** The kind of legal instrument a request rests on (its order travels with the request, hashed and signed). */
export const LEGAL_INSTRUMENT_TYPES = [
  'COURT_ORDER',
  'SEIZURE_WARRANT',
  'PRESERVATION_ORDER',
  'PROSECUTOR_ORDER',
  'MUTUAL_LEGAL_ASSISTANCE',
  'ADMINISTRATIVE_REQUEST',
] as const;
export type LegalInstrumentType = (typeof LEGAL_INSTRUMENT_TYPES)[number];

/** How fast an answer is due; the classes of EU Directive 2023/977 (8 hours, 3 days, 7 days). */
export const URGENCY_CLASSES = ['URGENT', 'STANDARD', 'ROUTINE'] as const;
export type UrgencyClass = (typeof URGENCY_CLASSES)[number];

/** The default answer deadline of each class, as ISO 8601 durations; a policy may set its own. */
export const DEFAULT_URGENCY_DEADLINES: Readonly<Record<UrgencyClass, string>> = {
  URGENT: 'PT8H',
  STANDARD: 'P3D',
  ROUTINE: 'P7D',
};

/** An exchange's answer about one target. Several may follow one another (ACKNOWLEDGED, then FROZEN). */
export const FREEZE_ANSWER_STATUSES = [
  'ACKNOWLEDGED',
  'FROZEN',
  'PARTIALLY_FROZEN',
  'NOT_OUR_CUSTOMER',
  'NO_FUNDS',
  'NEEDS_LEGAL_PROCESS',
  'DECLINED',
  'RELEASED',
] as const;
export type FreezeAnswerStatus = (typeof FREEZE_ANSWER_STATUSES)[number];

/** Answers that leave funds held at the exchange (and so start an expiry clock at the agency). */
export const HOLDING_ANSWERS: readonly FreezeAnswerStatus[] = ['FROZEN', 'PARTIALLY_FROZEN'];

/** Which way funds moved through the exchange when a listed wallet was screened. */
export const TRANSFER_DIRECTIONS = ['DEPOSIT', 'WITHDRAWAL'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];
