import type { IdentifierType, Tlp } from '../kernel/vocabulary/index.js';

// The parts of the MISP core format (draft-dulaunoy-misp-core-format) the node writes and reads, and
// the two MISP object templates it fills (MISP/misp-objects). Instance-local numeric ids (id,
// event_id, org_id, object_id) are left out, as MISP's own feed export leaves them out: they only
// mean something on one MISP instance, and MISP assigns its own on import.

/** Every MISP string field the node writes or reads is a JSON string, as the format says. */
export type MispAttribute = {
  uuid: string;
  type: string;
  category: string;
  value: string;
  to_ids: boolean;
  distribution: string;
  sharing_group_id: string;
  timestamp: string;
  comment: string;
  deleted: boolean;
  disable_correlation: boolean;
  object_relation?: string;
};

export type MispObject = {
  uuid: string;
  name: string;
  'meta-category': string;
  description: string;
  template_uuid: string;
  template_version: string;
  timestamp: string;
  distribution: string;
  sharing_group_id: string;
  comment: string;
  deleted: boolean;
  Attribute: MispAttribute[];
};

export type MispTag = { name: string; colour: string; exportable: boolean };
export type MispOrg = { uuid: string; name: string };

export type MispEventReport = {
  uuid: string;
  name: string;
  content: string;
  distribution: string;
  sharing_group_id: string;
  timestamp: string;
  deleted: boolean;
};

export type MispEvent = {
  uuid: string;
  info: string;
  date: string;
  threat_level_id: string;
  analysis: string;
  distribution: string;
  sharing_group_id: string;
  published: boolean;
  timestamp: string;
  publish_timestamp: string;
  Orgc: MispOrg;
  Org: MispOrg;
  Tag: MispTag[];
  Attribute: MispAttribute[];
  Object: MispObject[];
  EventReport: MispEventReport[];
};

/** Distribution "5": inherit the event's (attributes and objects). */
export const INHERIT = '5';
/** Distribution "0": the receiving organisation only; onward sharing follows the sealed terms, not MISP sync. */
export const ORGANISATION_ONLY = '0';

/**
 * The templates, as read from MISP/misp-objects (objects/<name>/definition.json at commit 54538c6,
 * 2026): coin-address version 7, btc-transaction version 4, with their uuids as written there
 * (btc-transaction's in upper case).
 */
export const COIN_ADDRESS = { name: 'coin-address', uuid: 'd0e6997e-78da-4815-a6a1-cfc1c1cb8a46', version: '7' };

/**
 * Where each wallet goes in a coin-address: MISP checks a `btc` attribute against Bitcoin's address
 * formats and an `xmr` one against Monero's, so every other chain's address is the template's generic
 * `address-crypto` (text), named by its `symbol`.
 */
export const WALLET_RELATIONS: Readonly<
  Record<Extract<IdentifierType, `WALLET_${string}`>, { relation: string; type: string }>
> = {
  WALLET_BTC: { relation: 'address', type: 'btc' },
  WALLET_XMR: { relation: 'address-xmr', type: 'xmr' },
  WALLET_EVM: { relation: 'address-crypto', type: 'text' },
  WALLET_TRON: { relation: 'address-crypto', type: 'text' },
  WALLET_LTC: { relation: 'address-crypto', type: 'text' },
};

/** A coin-address's `address-crypto` attribute, read back as this pseudo attribute type. */
export const ADDRESS_CRYPTO = 'coin-address/address-crypto';
export const BTC_TRANSACTION = { name: 'btc-transaction', uuid: 'B7341729-5A8A-439F-A775-6D814DA3C7B5', version: '4' };

/** MISP's TLP taxonomy (TLP 2.0 names) as event tags. */
export const TLP_TAGS: Readonly<Record<Tlp, string>> = {
  CLEAR: 'tlp:clear',
  GREEN: 'tlp:green',
  AMBER: 'tlp:amber',
  AMBER_STRICT: 'tlp:amber+strict',
  RED: 'tlp:red',
};
/** TLP 1.0 tag names MISP instances still use, read as their TLP 2.0 equivalent. */
export const TLP1_TAGS: Readonly<Record<string, Tlp>> = { 'tlp:white': 'CLEAR' };

/** Standalone attributes of the identifier types that are not wallets (wallets are coin-address objects). */
export const IDENTIFIER_ATTRIBUTES: Readonly<
  Record<Exclude<IdentifierType, `WALLET_${string}`>, { type: string; category: string; comment?: string }>
> = {
  EMAIL: { type: 'email', category: 'Social network' },
  PHONE: { type: 'phone-number', category: 'Financial fraud' },
  BANK_ACCOUNT: { type: 'bank-account-nr', category: 'Financial fraud' },
  IP_ADDRESS: { type: 'ip-dst', category: 'Network activity' },
  DOMAIN: { type: 'domain', category: 'Network activity' },
  TELEGRAM: { type: 'text', category: 'Social network', comment: 'Telegram handle' },
  EXCHANGE_ACCOUNT: { type: 'text', category: 'Financial fraud', comment: 'Cryptocurrency exchange account' },
  DARKWEB_HANDLE: { type: 'text', category: 'Social network', comment: 'Dark-web handle' },
};

/** What an attribute of this type may name when it is read back (wallet types are tried in turn). */
export const ATTRIBUTE_IDENTIFIERS: Readonly<Record<string, readonly IdentifierType[]>> = {
  // Older exports (coin-address before version 6) put every chain's address in `btc`.
  btc: ['WALLET_BTC', 'WALLET_LTC', 'WALLET_EVM', 'WALLET_TRON'],
  [ADDRESS_CRYPTO]: ['WALLET_EVM', 'WALLET_TRON', 'WALLET_LTC', 'WALLET_BTC'],
  xmr: ['WALLET_XMR'],
  email: ['EMAIL'],
  'email-src': ['EMAIL'],
  'email-dst': ['EMAIL'],
  'phone-number': ['PHONE'],
  iban: ['BANK_ACCOUNT'],
  'bank-account-nr': ['BANK_ACCOUNT'],
  'ip-src': ['IP_ADDRESS'],
  'ip-dst': ['IP_ADDRESS'],
  domain: ['DOMAIN'],
  hostname: ['DOMAIN'],
};

/** coin-address `symbol` of each wallet type. */
export const WALLET_SYMBOLS: Readonly<Record<Extract<IdentifierType, `WALLET_${string}`>, string>> = {
  WALLET_BTC: 'BTC',
  WALLET_EVM: 'ETH',
  WALLET_TRON: 'TRX',
  WALLET_LTC: 'LTC',
  WALLET_XMR: 'XMR',
};
