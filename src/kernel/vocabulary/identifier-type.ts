export const IDENTIFIER_TYPES = [
  'WALLET_BTC',
  'WALLET_EVM',
  'WALLET_TRON',
  'WALLET_LTC',
  'WALLET_XMR',
  'EXCHANGE_ACCOUNT',
  'PHONE',
  'TELEGRAM',
  'EMAIL',
  'BANK_ACCOUNT',
  'DARKWEB_HANDLE',
  'IP_ADDRESS',
  'DOMAIN',
] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/** What a freeze request can target: something an exchange or wallet provider can block. */
export const FREEZABLE_IDENTIFIER_TYPES: readonly IdentifierType[] = [
  'WALLET_BTC',
  'WALLET_EVM',
  'WALLET_TRON',
  'WALLET_LTC',
  'WALLET_XMR',
  'EXCHANGE_ACCOUNT',
];
