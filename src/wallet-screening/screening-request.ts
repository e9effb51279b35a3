import {
  IDENTIFIER_TYPES,
  TRANSFER_DIRECTIONS,
  type IdentifierType,
  type TransferDirection,
} from '../kernel/vocabulary/index.js';

// The machine endpoint's request bodies, checked by hand in one pass: a batch of 10,000 addresses is
// on the hot path, so no schema library per item. Each problem names the field.

export const MAX_BATCH = 10_000;

/** One address a system screens: with a direction it is a transfer (and a hit may be reported). */
export interface ScreeningItem {
  type: IdentifierType;
  address: string;
  direction?: TransferDirection;
  transactionHash?: string;
  amount?: string;
  asset?: string;
  chain?: string;
  occurredAt?: string;
}

export class ScreeningRequestError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

const TYPES = new Set<string>(IDENTIFIER_TYPES);
const DIRECTIONS = new Set<string>(TRANSFER_DIRECTIONS);
const TX_HASH = /^(?:0x)?[0-9a-fA-F]{64}$/;
const AMOUNT = /^(?:0|[1-9][0-9]{0,29})(?:\.[0-9]{1,18})?$/;
const ASSET = /^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/;
const CHAIN = /^[a-z0-9][a-z0-9._-]{0,31}$/;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const KNOWN = new Set(['type', 'address', 'direction', 'transactionHash', 'amount', 'asset', 'chain', 'occurredAt']);

function optional(
  item: Record<string, unknown>,
  key: string,
  at: string,
  pattern: RegExp,
  hint: string,
): string | undefined {
  const value = item[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) throw new ScreeningRequestError(`${at}${key}`, hint);
  return value;
}

export function parseItem(raw: unknown, at = ''): ScreeningItem {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ScreeningRequestError(at || '(body)', 'must be an object');
  const item = raw as Record<string, unknown>;
  for (const key of Object.keys(item))
    if (!KNOWN.has(key)) throw new ScreeningRequestError(`${at}${key}`, 'unknown field');
  if (typeof item.type !== 'string' || !TYPES.has(item.type))
    throw new ScreeningRequestError(`${at}type`, `must be one of ${IDENTIFIER_TYPES.join(', ')}`);
  if (typeof item.address !== 'string' || item.address.length === 0 || item.address.length > 512)
    throw new ScreeningRequestError(`${at}address`, 'must be a non-empty string of at most 512 characters');
  const parsed: ScreeningItem = { type: item.type as IdentifierType, address: item.address };
  if (item.direction !== undefined && item.direction !== null) {
    if (typeof item.direction !== 'string' || !DIRECTIONS.has(item.direction))
      throw new ScreeningRequestError(`${at}direction`, 'must be DEPOSIT or WITHDRAWAL');
    parsed.direction = item.direction as TransferDirection;
  }
  const hash = optional(item, 'transactionHash', at, TX_HASH, 'must be a 64-digit hex hash');
  const amount = optional(item, 'amount', at, AMOUNT, 'must be a decimal such as 1250.5, as a string');
  const asset = optional(item, 'asset', at, ASSET, 'must be an asset symbol such as USDT');
  const chain = optional(item, 'chain', at, CHAIN, 'must be a chain name such as ethereum');
  const occurredAt = optional(item, 'occurredAt', at, TIME, 'must be an ISO 8601 time with a zone');
  if (occurredAt && Number.isNaN(Date.parse(occurredAt)))
    throw new ScreeningRequestError(`${at}occurredAt`, 'is not a real time');
  if (!parsed.direction && (hash || amount || asset || chain || occurredAt))
    throw new ScreeningRequestError(
      `${at}direction`,
      'a transfer (hash, amount, asset, chain, time) needs its direction',
    );
  return Object.assign(
    parsed,
    hash && { transactionHash: hash },
    amount && { amount },
    asset && { asset },
    chain && { chain },
    occurredAt && { occurredAt },
  );
}

export function parseBatch(raw: unknown): ScreeningItem[] {
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { items?: unknown }).items))
    throw new ScreeningRequestError('items', 'send { "items": [ … ] }');
  const items = (raw as { items: unknown[] }).items;
  if (items.length === 0 || items.length > MAX_BATCH)
    throw new ScreeningRequestError('items', `1 to ${MAX_BATCH} items per call, ${items.length} were given`);
  if (Object.keys(raw).length !== 1) throw new ScreeningRequestError('(body)', 'only "items" is allowed');
  return items.map((item, index) => parseItem(item, `items.${index}.`));
}
