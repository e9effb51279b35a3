/**
 * One entry point that validates and normalises an identifier of any type. The normalised form
 * is the key identifiers are stored, screened and correlated under, so two spellings of the
 * same wallet, number or account must map to the same string.
 *
 * Surrounding white space (including zero-width characters from copy-paste) is dropped before
 * validation; anything inside the value is the type's business.
 */
import type { IdentifierType } from '../kernel/vocabulary/index.js';
import { validateBankAccount } from './bank-account.validator.js';
import { validateBitcoinAddress } from './bitcoin-address.validator.js';
import { validateDarkwebHandle } from './darkweb-handle.validator.js';
import { validateDomainName } from './domain-name.validator.js';
import { validateEmailAddress } from './email-address.validator.js';
import { validateEvmAddress } from './evm-address.validator.js';
import { validateExchangeAccount } from './exchange-account.validator.js';
import { validateIpAddress } from './ip-address.validator.js';
import { validateLitecoinAddress } from './litecoin-address.validator.js';
import { validateMoneroAddress } from './monero-address.validator.js';
import { validatePhoneNumber } from './phone-number.validator.js';
import { validateTelegramHandle } from './telegram-handle.validator.js';
import { validateTronAddress } from './tron-address.validator.js';
import { reject } from './validation-result.js';
import type { IdentifierValidation } from './validation-result.js';

/** Longer than any identifier of any type; stops a pasted document before the validators see it. */
export const MAX_IDENTIFIER_INPUT = 1024;

const EDGE_SPACE = /^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$/gu;

/** A `Record` over the type union: adding an identifier type without a validator fails to compile. */
const VALIDATORS: Readonly<Record<IdentifierType, (value: string) => IdentifierValidation>> = {
  WALLET_BTC: validateBitcoinAddress,
  WALLET_EVM: validateEvmAddress,
  WALLET_TRON: validateTronAddress,
  WALLET_LTC: validateLitecoinAddress,
  WALLET_XMR: validateMoneroAddress,
  EXCHANGE_ACCOUNT: validateExchangeAccount,
  PHONE: validatePhoneNumber,
  TELEGRAM: validateTelegramHandle,
  EMAIL: validateEmailAddress,
  BANK_ACCOUNT: validateBankAccount,
  DARKWEB_HANDLE: validateDarkwebHandle,
  IP_ADDRESS: validateIpAddress,
  DOMAIN: validateDomainName,
};

export function validateIdentifier(type: IdentifierType, value: string): IdentifierValidation {
  // Callers past the GraphQL layer (imports, partner packets) may hand over anything.
  if (!Object.hasOwn(VALIDATORS, type)) return reject('unsupported type', `${String(type)} is not an identifier type`);
  if (typeof value !== 'string') return reject('empty', 'no value was given');
  const trimmed = value.replace(EDGE_SPACE, '');
  if (trimmed.length === 0) return reject('empty', 'no value was given');
  if (trimmed.length > MAX_IDENTIFIER_INPUT) {
    return reject(
      'too long',
      `identifiers have at most ${MAX_IDENTIFIER_INPUT} characters, this value has ${trimmed.length}`,
    );
  }
  return VALIDATORS[type](trimmed);
}
