import type * as Gql from './schema.generated';

// The enum values the console offers in its forms (operations.test.ts checks each list against schema.graphql).

export const OFFENCE_CATEGORIES: Gql.OffenceCategory[] = [
  'DRUG_TRAFFICKING',
  'ONLINE_SCAM',
  'MONEY_LAUNDERING',
  'ILLEGAL_FX_CUSTOMS_FRAUD',
  'CYBERCRIME',
  'HUMAN_TRAFFICKING',
];
export const TLP_LEVELS: Gql.Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];
export const HANDLING_CODES: Gql.HandlingCode[] = [
  'INTELLIGENCE_ONLY',
  'NO_COURT_USE_WITHOUT_PERMISSION',
  'NO_ONWARD_SHARING_WITHOUT_PERMISSION',
];
export const SOURCE_RELIABILITY: Gql.SourceReliability[] = ['A', 'B', 'C', 'D'];
export const IDENTIFIER_TYPES: Gql.IdentifierType[] = [
  'WALLET_BTC',
  'WALLET_EVM',
  'WALLET_TRON',
  'WALLET_LTC',
  'WALLET_XMR',
  'EXCHANGE_ACCOUNT',
  'BANK_ACCOUNT',
  'PHONE',
  'TELEGRAM',
  'DARKWEB_HANDLE',
  'EMAIL',
  'DOMAIN',
  'IP_ADDRESS',
];
/** What a freeze request may target (the node refuses others). */
export const FREEZABLE_TYPES: Gql.IdentifierType[] = [
  'WALLET_BTC',
  'WALLET_EVM',
  'WALLET_TRON',
  'WALLET_LTC',
  'WALLET_XMR',
  'EXCHANGE_ACCOUNT',
  'BANK_ACCOUNT',
];
export const IDENTITY_DOCUMENT_TYPES: Gql.IdentityDocumentType[] = [
  'PASSPORT',
  'NATIONAL_ID',
  'DRIVING_LICENCE',
  'RESIDENCE_PERMIT',
  'OTHER',
];
export const REQUEST_KINDS: Gql.RequestKind[] = ['FREEZE_REQUEST', 'REQUEST_FOR_INFORMATION'];
export const PURPOSES: Gql.SharePurpose[] = ['INVESTIGATION', 'ASSET_FREEZE', 'INTELLIGENCE_PICTURE', 'PROSECUTION'];
export const ROLES: Gql.Role[] = ['ANALYST', 'LIAISON_OFFICER', 'ADMIN', 'AUDITOR', 'COMPLIANCE_OFFICER'];
export const DATA_CATEGORIES: Gql.DataCategory[] = [
  'PERSONS',
  'IDENTITY_DOCUMENTS',
  'DATES_OF_BIRTH',
  'TRANSACTIONS',
  'WALLET_AND_ACCOUNT_IDENTIFIERS',
  'PHONE_AND_HANDLE_IDENTIFIERS',
  'ATTACHMENTS',
  'SUMMARY',
];
export const APPROVAL_MODES: Gql.ApprovalMode[] = ['LIAISON_OFFICER', 'AUTOMATIC_FOR_LOW_RISK_WATCHLIST'];
export const FIELD_TRANSFORMS: Gql.FieldTransform[] = ['DROP', 'MASK', 'GENERALISE_YEAR', 'LAST_3'];
export const WATCHLIST_SEVERITIES: Gql.WatchlistSeverity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
