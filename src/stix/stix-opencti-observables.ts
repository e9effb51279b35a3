// OpenCTI's own observables for what STIX 2.1 lacks, as OpenCTI defines them: pycti
// (OpenCTI-Platform/client-python) pycti/utils/constants.py, commit ab752c801e68, read in 2026:
//   cryptocurrency-wallet: value (required); id from value
//   phone-number:          value (required); id from value
//   bank-account:          value, iban (both required), bic, account_number; id from iban
// and pycti/utils/opencti_stix2_utils.py PATTERN_MAPPING: Phone-Number → value, Bank-Account → iban.
// The node writes them exactly so; what it needs more rides in its own property extensions.

export const OPENCTI_SCO_TYPES = ['cryptocurrency-wallet', 'phone-number', 'bank-account'] as const;
export type OpenctiScoType = (typeof OPENCTI_SCO_TYPES)[number];

/** The property OpenCTI derives the id from, and that patterns compare. */
export const OPENCTI_KEY: Readonly<Record<OpenctiScoType, string>> = {
  'cryptocurrency-wallet': 'value',
  'phone-number': 'value',
  'bank-account': 'iban',
};

export const WALLET_CHAIN_NAMES = ['bitcoin', 'evm', 'tron', 'litecoin', 'monero'] as const;

const CORE =
  'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/cyber-observable-core.json';
const text = { type: 'string', minLength: 1 };

function sco(type: OpenctiScoType, properties: Record<string, object>, required: string[]): object {
  return {
    title: `OpenCTI ${type}`,
    type: 'object',
    allOf: [
      { $ref: CORE },
      {
        properties: { type: { const: type }, id: { type: 'string', pattern: `^${type}--` }, ...properties },
        required,
      },
    ],
  };
}

/** OpenCTI's definitions as JSON schemas, to check what the node writes (not published: OpenCTI's, not ours). */
export const OPENCTI_SCO_SCHEMAS: Readonly<Record<OpenctiScoType, object>> = {
  'cryptocurrency-wallet': sco('cryptocurrency-wallet', { value: text }, ['value']),
  'phone-number': sco('phone-number', { value: text }, ['value']),
  'bank-account': sco('bank-account', { value: text, iban: text, bic: text, account_number: text }, ['value', 'iban']),
};
