import { InputException } from '../common/errors/input.exception.js';
import type { FreezeTarget, LegalBasis } from '../freeze-wire/freeze-wire.js';
import { validateIdentifier } from '../identifiers/index.js';
import {
  FREEZABLE_IDENTIFIER_TYPES,
  FREEZE_ACTIONS,
  LEGAL_INSTRUMENT_TYPES,
  URGENCY_CLASSES,
  type FreezeAction,
  type IdentifierType,
  type LegalInstrumentType,
  type UrgencyClass,
} from '../kernel/vocabulary/index.js';

// What an analyst writes into a request, checked and normalised before anything is stored: the
// errors name the input field, and every wallet is stored in the form exchanges screen.

/** A target as stored: the wire form (ids T1, T2, … in input order). */
export type RequestTarget = FreezeTarget;

export interface TargetInput {
  identifierType: string;
  value: string;
  chain?: string | null;
  asset?: string | null;
  tokenContract?: string | null;
  amount?: string | null;
  transactionHashes?: string[] | null;
}

export interface FreezeRequestDraft {
  caseId: string;
  exchangeIds: string[];
  action: string;
  legalBasis: {
    instrumentType: string;
    reference: string;
    issuingAuthority: string;
    issuedOn?: string | null;
    orderAttachmentId: string;
  };
  targets: TargetInput[];
  durationDays?: number | null;
  noTippingOff: boolean;
  urgency: string;
  note?: string | null;
}

/** The checked request, ready to store (the order is resolved from the case's attachments separately). */
export interface CheckedDraft {
  action: FreezeAction;
  legalBasis: LegalBasis;
  orderAttachmentId: string;
  targets: RequestTarget[];
  durationDays: number | null;
  noTippingOff: boolean;
  urgency: UrgencyClass;
  note: string | null;
}

const SLUG = /^[a-z0-9][a-z0-9._-]{0,31}$/;
const ASSET = /^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/;
const AMOUNT = /^(?:0|[1-9][0-9]{0,29})(?:\.[0-9]{1,18})?$/;
const TX_HASH = /^(?:0x)?[0-9a-fA-F]{64}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new InputException(field, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

function text(field: string, value: string | null | undefined, max: number, required = true): string | null {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) {
    if (required) throw new InputException(field, 'must not be empty');
    return null;
  }
  if (trimmed.length > max) throw new InputException(field, `must be at most ${max} characters`);
  return trimmed;
}

function optional(field: string, value: string | null | undefined, pattern: RegExp, hint: string): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (!pattern.test(value)) throw new InputException(field, hint);
  return value;
}

function target(input: TargetInput, index: number): RequestTarget {
  const at = `input.targets.${index}`;
  const type = oneOf<IdentifierType>(`${at}.identifierType`, input.identifierType, FREEZABLE_IDENTIFIER_TYPES);
  const validation = validateIdentifier(type, input.value);
  if (!validation.valid) throw new InputException(`${at}.value`, validation.reason);
  const hashes = [...new Set(input.transactionHashes ?? [])];
  hashes.forEach((hash, i) => optional(`${at}.transactionHashes.${i}`, hash, TX_HASH, 'must be a 64-digit hex hash'));
  if (hashes.length > 100) throw new InputException(`${at}.transactionHashes`, 'at most 100 per target');
  const built: RequestTarget = {
    targetId: `T${index + 1}`,
    identifierType: type,
    value: validation.normalized,
    chain: optional(`${at}.chain`, input.chain?.toLowerCase(), SLUG, 'a chain name such as ethereum or tron'),
    asset: optional(`${at}.asset`, input.asset, ASSET, 'an asset symbol such as USDT'),
    tokenContract: text(`${at}.tokenContract`, input.tokenContract, 200, false) ?? undefined,
    amount: optional(`${at}.amount`, input.amount, AMOUNT, 'a decimal amount such as 1250.5'),
    transactionHashes: hashes.length ? hashes : undefined,
  };
  return Object.fromEntries(Object.entries(built).filter(([, v]) => v !== undefined)) as RequestTarget;
}

export function checkDraft(input: FreezeRequestDraft): CheckedDraft {
  const action = oneOf<FreezeAction>('input.action', input.action, FREEZE_ACTIONS);
  const urgency = oneOf<UrgencyClass>('input.urgency', input.urgency, URGENCY_CLASSES);
  if (input.targets.length === 0) throw new InputException('input.targets', 'name at least one wallet or account');
  if (input.targets.length > 500) throw new InputException('input.targets', 'at most 500 targets per request');
  const targets = input.targets.map(target);
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    const key = `${t.identifierType}:${t.value}`;
    if (seen.has(key)) throw new InputException(`input.targets.${i}.value`, `${t.value} is named twice`);
    seen.add(key);
  });
  const duration = input.durationDays ?? null;
  if (action === 'FREEZE' && duration !== null && (!Number.isInteger(duration) || duration < 1 || duration > 3650))
    throw new InputException('input.durationDays', 'must be a whole number of days from 1 to 3650');
  if (action !== 'FREEZE' && duration !== null)
    throw new InputException('input.durationDays', `only a FREEZE has a duration, not ${action}`);
  const basis = input.legalBasis;
  const issuedOn = optional('input.legalBasis.issuedOn', basis.issuedOn, DATE, 'a date such as 2026-05-01');
  return {
    action,
    urgency,
    targets,
    durationDays: duration,
    noTippingOff: input.noTippingOff,
    note: text('input.note', input.note, 4000, false),
    orderAttachmentId: text('input.legalBasis.orderAttachmentId', basis.orderAttachmentId, 64) as string,
    legalBasis: {
      instrumentType: oneOf<LegalInstrumentType>(
        'input.legalBasis.instrumentType',
        basis.instrumentType,
        LEGAL_INSTRUMENT_TYPES,
      ),
      reference: text('input.legalBasis.reference', basis.reference, 200) as string,
      issuingAuthority: text('input.legalBasis.issuingAuthority', basis.issuingAuthority, 200) as string,
      ...(issuedOn ? { issuedOn } : {}),
    },
  };
}
