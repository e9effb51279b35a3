import type { IdentifierType } from './identifier-type.js';

/** The kinds of data a sharing policy allows or withholds, per partner. */
export const DATA_CATEGORIES = [
  'PERSONS',
  'IDENTITY_DOCUMENTS',
  'DATES_OF_BIRTH',
  'TRANSACTIONS',
  'WALLET_AND_ACCOUNT_IDENTIFIERS',
  'PHONE_AND_HANDLE_IDENTIFIERS',
  'ATTACHMENTS',
  'SUMMARY',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/**
 * Identifiers split by what they reveal: where money sits, or how to reach / find a person online.
 * IP addresses and domains count as the latter (online presence, personal data in most regimes).
 */
export function identifierCategory(type: IdentifierType): DataCategory {
  switch (type) {
    case 'WALLET_BTC':
    case 'WALLET_EVM':
    case 'WALLET_TRON':
    case 'WALLET_LTC':
    case 'WALLET_XMR':
    case 'EXCHANGE_ACCOUNT':
    case 'BANK_ACCOUNT':
      return 'WALLET_AND_ACCOUNT_IDENTIFIERS';
    case 'PHONE':
    case 'TELEGRAM':
    case 'EMAIL':
    case 'DARKWEB_HANDLE':
    case 'IP_ADDRESS':
    case 'DOMAIN':
      return 'PHONE_AND_HANDLE_IDENTIFIERS';
  }
}
