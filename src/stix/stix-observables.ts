import type { IdentifierType } from '../kernel/vocabulary/index.js';
import type { JsonObject } from '../kernel/crypto/canonical-json.js';
import { extensionUse, type NodeExtension } from './stix-extensions.js';
import { scoId } from './stix-ids.js';
import type { StixObject } from './stix-vocabulary.js';

// How each identifier type becomes a STIX cyber-observable and an indicator pattern, and back.
// Wallets, phone numbers and bank accounts are OpenCTI's observables (stix-opencti-observables.ts),
// written as OpenCTI defines them; the node's property extensions add the wallet's chain and how a
// bank account is written.

const WALLET_CHAINS: Partial<Record<IdentifierType, string>> = {
  WALLET_BTC: 'bitcoin',
  WALLET_EVM: 'evm',
  WALLET_TRON: 'tron',
  WALLET_LTC: 'litecoin',
  WALLET_XMR: 'monero',
};

/** `account_type` of the user-account observables that carry handles and exchange accounts. */
const ACCOUNT_TYPES: Partial<Record<IdentifierType, string>> = {
  EXCHANGE_ACCOUNT: 'cryptocurrency-exchange',
  TELEGRAM: 'telegram',
  DARKWEB_HANDLE: 'darkweb',
};

const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

export interface Observable {
  sco: StixObject;
  /** A STIX pattern matching the observable, e.g. `[email-addr:value = 'a@b.example']`. */
  pattern: string;
  /** The node extensions the observable uses (their definitions travel with it). */
  extensions: NodeExtension[];
}

/** Quotes a value for a STIX pattern string literal (backslash and quote escaped). */
export function patternString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** An observable whose id comes from `contributing` (STIX 2.1 §2.9) and whose pattern compares `key`. */
function observable(type: string, contributing: JsonObject, extra: JsonObject, key: string): Observable {
  const value = { ...contributing, ...extra }[key] as string;
  return {
    sco: { type, spec_version: '2.1', id: scoId(type, contributing), ...contributing, ...extra },
    pattern: `[${type}:${key} = ${patternString(value)}]`,
    extensions: [],
  };
}

function extended(nodeId: string, base: Observable, name: NodeExtension, properties: JsonObject): Observable {
  base.sco.extensions = extensionUse(nodeId, name, properties);
  base.extensions.push(name);
  return base;
}

/** OpenCTI keys bank accounts by iban; the scheme extension says what kind of account that is. */
function bankAccount(nodeId: string, value: string): Observable {
  const [country, bankCode, account] = value.split(':');
  const isNational = account !== undefined;
  const scheme = isNational ? 'national' : /^[A-Z]{2}[0-9]{2}/.test(value) ? 'iban' : 'number';
  const extra: JsonObject = { value };
  if (isNational && BIC.test(bankCode)) extra.bic = bankCode;
  if (scheme !== 'iban') extra.account_number = isNational ? account : value;
  const properties: JsonObject = { account_scheme: scheme };
  if (isNational) Object.assign(properties, { country, bank_code: bankCode });
  return extended(
    nodeId,
    observable('bank-account', { iban: value }, extra, 'iban'),
    'bank-account-scheme',
    properties,
  );
}

/** The observable of a normalised identifier (as validateIdentifier returns it). */
export function identifierObservable(nodeId: string, type: IdentifierType, value: string): Observable {
  switch (type) {
    case 'WALLET_BTC':
    case 'WALLET_EVM':
    case 'WALLET_TRON':
    case 'WALLET_LTC':
    case 'WALLET_XMR':
      return extended(nodeId, observable('cryptocurrency-wallet', { value }, {}, 'value'), 'wallet-chain', {
        chain: WALLET_CHAINS[type] as string,
      });
    case 'EXCHANGE_ACCOUNT':
    case 'TELEGRAM':
    case 'DARKWEB_HANDLE': {
      const accountType = ACCOUNT_TYPES[type] as string;
      const result = observable('user-account', { account_type: accountType, user_id: value }, {}, 'user_id');
      // The account type tells a Telegram handle from an exchange account on the way back in.
      result.pattern = `[user-account:account_type = ${patternString(accountType)} AND user-account:user_id = ${patternString(value)}]`;
      return result;
    }
    case 'PHONE':
      return observable('phone-number', { value }, {}, 'value');
    case 'BANK_ACCOUNT':
      return bankAccount(nodeId, value);
    case 'EMAIL':
      return observable('email-addr', { value }, {}, 'value');
    case 'IP_ADDRESS':
      return observable(value.includes(':') ? 'ipv6-addr' : 'ipv4-addr', { value }, {}, 'value');
    case 'DOMAIN':
      return observable('domain-name', { value }, {}, 'value');
  }
}

/** A comparison in a pattern: `object:property = 'literal'`. */
export interface PatternTerm {
  objectType: string;
  property: string;
  value: string;
}

const TERM = /^([a-z][a-z0-9-]*):([a-z_][a-z0-9_.]*)\s*=\s*'((?:[^'\\]|\\['\\])*)'$/;

/**
 * The equality terms of a simple pattern: one observation expression `[...]` whose comparisons are
 * joined by AND. Anything richer (OR, qualifiers, other operators) yields undefined: this node only
 * imports indicators that name one identifier.
 */
export function parseSimplePattern(pattern: string): PatternTerm[] | undefined {
  const match = /^\s*\[(.*)\]\s*$/s.exec(pattern);
  if (!match || match[1].includes('[') || match[1].includes(']')) return undefined;
  const terms: PatternTerm[] = [];
  for (const part of match[1].split(/\s+AND\s+(?=(?:[^']*'[^']*')*[^']*$)/)) {
    const term = TERM.exec(part.trim());
    if (!term) return undefined;
    terms.push({ objectType: term[1], property: term[2], value: term[3].replace(/\\(['\\])/g, '$1') });
  }
  return terms.length > 0 ? terms : undefined;
}

/** The identifier types a pattern term may stand for, most specific first; empty when none. */
export function candidateTypes(term: PatternTerm, accountType: string | undefined): IdentifierType[] {
  const key = `${term.objectType}:${term.property}`;
  switch (key) {
    // OpenCTI's names first; address, number and account are how nodes before 2026-12 wrote them.
    case 'cryptocurrency-wallet:value':
    case 'cryptocurrency-wallet:address':
      return ['WALLET_BTC', 'WALLET_EVM', 'WALLET_TRON', 'WALLET_LTC', 'WALLET_XMR'];
    case 'phone-number:value':
    case 'phone-number:number':
      return ['PHONE'];
    case 'bank-account:iban':
    case 'bank-account:value':
    case 'bank-account:account':
      return ['BANK_ACCOUNT'];
    case 'email-addr:value':
      return ['EMAIL'];
    case 'ipv4-addr:value':
    case 'ipv6-addr:value':
      return ['IP_ADDRESS'];
    case 'domain-name:value':
      return ['DOMAIN'];
    case 'user-account:user_id':
    case 'user-account:account_login': {
      const byAccountType = (Object.keys(ACCOUNT_TYPES) as IdentifierType[]).find(
        (type) => ACCOUNT_TYPES[type] === accountType,
      );
      return byAccountType ? [byAccountType] : [];
    }
    default:
      return [];
  }
}
