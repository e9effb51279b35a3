import type { NodeExtension } from './stix-extensions.js';
import { WALLET_CHAIN_NAMES } from './stix-opencti-observables.js';

// The JSON schemas (draft 2020-12) of the node's extensions. The node serves each at
// /stix/extensions/<name>-<version>.schema.json and docs/stix/ holds the same files (a unit test
// compares them), so an extension definition's `schema` URL always names a schema that exists.

const CORE =
  'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/cyber-observable-core.json';
const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
const text = { type: 'string', minLength: 1 };

/** A property extension: the object found under `extensions[<extension-definition id>]`. */
function propertyExtension(
  name: NodeExtension,
  description: string,
  properties: Record<string, object>,
  required: string[],
): object {
  return {
    $schema: DRAFT,
    title: `fed-node ${name}`,
    description,
    type: 'object',
    properties: { extension_type: { const: 'property-extension' }, ...properties },
    required: ['extension_type', ...required],
    additionalProperties: false,
  };
}

export const NODE_EXTENSION_SCHEMAS: Readonly<Record<NodeExtension, object>> = {
  'cryptocurrency-transaction': {
    $schema: DRAFT,
    title: 'fed-node cryptocurrency-transaction',
    description: 'A new cyber-observable: a transfer on a blockchain.',
    type: 'object',
    allOf: [
      { $ref: CORE },
      {
        properties: {
          type: { const: 'cryptocurrency-transaction' },
          id: { type: 'string', pattern: '^cryptocurrency-transaction--' },
          chain: text,
          transaction_hash: text,
          from_address: text,
          to_address: text,
          asset: text,
          // A decimal string, never a float: amounts must survive JSON exactly (or a policy's mask, "***").
          amount: text,
          time: text,
        },
        required: ['extensions', 'chain'],
      },
    ],
  },
  'wallet-chain': propertyExtension(
    'wallet-chain',
    "Property extension of OpenCTI's cryptocurrency-wallet observable: the chain of its address (value).",
    { chain: { enum: [...WALLET_CHAIN_NAMES] } },
    ['chain'],
  ),
  'bank-account-scheme': propertyExtension(
    'bank-account-scheme',
    "Property extension of OpenCTI's bank-account observable: how its iban (OpenCTI's key) is written. " +
      'iban: an IBAN; national: <country>:<bank code>:<account>, with country and bank_code; number: a plain account number.',
    {
      account_scheme: { enum: ['iban', 'national', 'number'] },
      country: { type: 'string', pattern: '^[A-Z]{2}$' },
      bank_code: text,
    },
    ['account_scheme'],
  ),
};
