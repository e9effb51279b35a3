import type { IdentifierType } from '../cases/case-content.js';
import type { JsonObject } from '../envelope/canonical-json.js';
import { scoId } from './stix-ids.js';
import { extensionDefinitionId, type CustomScoType, type StixObject } from './stix-vocabulary.js';

// How each identifier type becomes a STIX cyber-observable and an indicator pattern, and back.

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

export interface Observable {
  sco: StixObject;
  /** A STIX pattern matching the observable, e.g. `[email-addr:value = 'a@b.example']`. */
  pattern: string;
  /** Set for observables defined by one of our extension definitions. */
  customType?: CustomScoType;
}

/** Quotes a value for a STIX pattern string literal (backslash and quote escaped). */
export function patternString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function standard(type: string, contributing: JsonObject, extra: JsonObject, patternProperty: string): Observable {
  const value = contributing[patternProperty] as string;
  return {
    sco: { type, spec_version: '2.1', id: scoId(type, contributing), ...contributing, ...extra },
    pattern: `[${type}:${patternProperty} = ${patternString(value)}]`,
  };
}

function custom(nodeId: string, type: CustomScoType, contributing: JsonObject, extra: JsonObject, patternProperty: string): Observable {
  const observable = standard(type, contributing, extra, patternProperty);
  observable.sco.extensions = { [extensionDefinitionId(nodeId, type)]: { extension_type: 'new-sco' } };
  observable.customType = type;
  return observable;
}

/** The observable of a normalised identifier (as validateIdentifier returns it). */
export function identifierObservable(nodeId: string, type: IdentifierType, value: string): Observable {
  switch (type) {
    case 'WALLET_BTC':
    case 'WALLET_EVM':
    case 'WALLET_TRON':
    case 'WALLET_LTC':
    case 'WALLET_XMR':
      return custom(nodeId, 'cryptocurrency-wallet', { address: value }, { chain: WALLET_CHAINS[type] as string }, 'address');
    case 'EXCHANGE_ACCOUNT':
    case 'TELEGRAM':
    case 'DARKWEB_HANDLE':
    {
      const accountType = ACCOUNT_TYPES[type] as string;
      const observable = standard('user-account', { account_type: accountType, user_id: value }, {}, 'user_id');
      // The account type tells a Telegram handle from an exchange account on the way back in.
      observable.pattern = `[user-account:account_type = ${patternString(accountType)} AND user-account:user_id = ${patternString(value)}]`;
      return observable;
    }
    case 'PHONE':
      return custom(nodeId, 'phone-number', { number: value }, {}, 'number');
    case 'BANK_ACCOUNT':
      return custom(nodeId, 'bank-account', { account: value }, {}, 'account');
    case 'EMAIL':
      return standard('email-addr', { value }, {}, 'value');
    case 'IP_ADDRESS':
      return standard(value.includes(':') ? 'ipv6-addr' : 'ipv4-addr', { value }, {}, 'value');
    case 'DOMAIN':
      return standard('domain-name', { value }, {}, 'value');
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
    // `value` is how OpenCTI's Cryptocurrency-Wallet and Phone-Number observables name it.
    case 'cryptocurrency-wallet:address':
    case 'cryptocurrency-wallet:value':
      return ['WALLET_BTC', 'WALLET_EVM', 'WALLET_TRON', 'WALLET_LTC', 'WALLET_XMR'];
    case 'phone-number:number':
    case 'phone-number:value':
      return ['PHONE'];
    case 'bank-account:account':
    case 'bank-account:iban':
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
      const byAccountType = (Object.keys(ACCOUNT_TYPES) as IdentifierType[]).find((type) => ACCOUNT_TYPES[type] === accountType);
      return byAccountType ? [byAccountType] : [];
    }
    default:
      return [];
  }
}
