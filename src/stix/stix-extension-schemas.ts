import type { CustomScoType } from './stix-vocabulary.js';

// The JSON schemas (draft 2020-12) of the observables this node defines through extension
// definitions; docs/STIX.md prints them. Each builds on the official cyber-observable core.

const CORE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/cyber-observable-core.json';
const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
const text = { type: 'string', minLength: 1 };

function sco(type: CustomScoType, properties: Record<string, object>, required: string[]): object {
  return {
    $schema: DRAFT,
    title: type,
    type: 'object',
    allOf: [
      { $ref: CORE },
      {
        properties: {
          type: { const: type },
          id: { type: 'string', pattern: `^${type}--` },
          ...properties,
        },
        required: ['extensions', ...required],
      },
    ],
  };
}

export const CUSTOM_SCO_SCHEMAS: Readonly<Record<CustomScoType, object>> = {
  'cryptocurrency-wallet': sco(
    'cryptocurrency-wallet',
    { address: text, chain: { enum: ['bitcoin', 'evm', 'tron', 'litecoin', 'monero'] } },
    ['address', 'chain'],
  ),
  'cryptocurrency-transaction': sco(
    'cryptocurrency-transaction',
    {
      chain: text,
      transaction_hash: text,
      from_address: text,
      to_address: text,
      asset: text,
      // A decimal string, never a float: amounts must survive JSON exactly (or a policy's mask, "***").
      amount: text,
      time: text,
    },
    ['chain'],
  ),
  'phone-number': sco('phone-number', { number: { type: 'string', pattern: '^\\+[1-9][0-9]{1,14}$' } }, ['number']),
  'bank-account': sco('bank-account', { account: text, iban: text }, []),
};
