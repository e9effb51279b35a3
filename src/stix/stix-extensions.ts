import { derivedId } from './stix-ids.js';
import type { StixObject } from './stix-vocabulary.js';

// The node's own STIX extensions: a new observable STIX 2.1 and OpenCTI both lack (a blockchain
// transaction), and property extensions that add what the node needs on top of OpenCTI's own
// cryptocurrency-wallet and bank-account observables, without changing how OpenCTI reads them.

export const NODE_EXTENSIONS = {
  'cryptocurrency-transaction': {
    kind: 'new-sco',
    version: '1.0.0',
    description:
      'A transfer on a blockchain: chain, transaction_hash, from_address, to_address, asset, amount (decimal string), time.',
  },
  'wallet-chain': {
    kind: 'property-extension',
    version: '1.0.0',
    description:
      "Adds to OpenCTI's cryptocurrency-wallet observable the chain its address belongs to: bitcoin, evm, tron, litecoin or monero.",
  },
  'bank-account-scheme': {
    kind: 'property-extension',
    version: '1.0.0',
    description:
      "Adds to OpenCTI's bank-account observable how its iban is written: an IBAN, <country>:<bank code>:<account>, or a plain account number.",
  },
} as const;

export type NodeExtension = keyof typeof NODE_EXTENSIONS;
export const NODE_EXTENSION_NAMES = Object.keys(NODE_EXTENSIONS) as NodeExtension[];

/** Fixed, so that an extension definition is the same object in every export. */
export const EXTENSION_CREATED = '2026-01-01T00:00:00.000Z';

/** Where a node serves the JSON schemas (and where docs/stix/ keeps the same files). */
export const EXTENSION_SCHEMA_PATH = '/stix/extensions/';

/** The file name of an extension's JSON schema, in docs/stix/ and under EXTENSION_SCHEMA_PATH. */
export function extensionSchemaFile(name: NodeExtension): string {
  return `${name}-${NODE_EXTENSIONS[name].version}.schema.json`;
}

/** The extension a schema file name stands for, or undefined. */
export function extensionOfSchemaFile(file: string): NodeExtension | undefined {
  return NODE_EXTENSION_NAMES.find((name) => extensionSchemaFile(name) === file);
}

export function extensionDefinitionId(nodeId: string, name: NodeExtension): string {
  // new-sco keys keep the "sco/" prefix their ids were first derived with.
  const kind = NODE_EXTENSIONS[name].kind === 'new-sco' ? 'sco' : 'ext';
  return derivedId('extension-definition', nodeId, `${kind}/${name}/${NODE_EXTENSIONS[name].version}`);
}

/**
 * The extension definition of `nodeId`; `schemaBaseUrl` is where that node serves its schemas
 * (e.g. https://taxii.knpa.example:9443/stix/extensions/).
 */
export function extensionDefinition(
  nodeId: string,
  identityId: string,
  name: NodeExtension,
  schemaBaseUrl: string,
): StixObject {
  const extension = NODE_EXTENSIONS[name];
  return {
    type: 'extension-definition',
    spec_version: '2.1',
    id: extensionDefinitionId(nodeId, name),
    created_by_ref: identityId,
    created: EXTENSION_CREATED,
    modified: EXTENSION_CREATED,
    name: `fed-node ${name}`,
    description: extension.description,
    schema: `${schemaBaseUrl}${extensionSchemaFile(name)}`,
    version: extension.version,
    extension_types: [extension.kind],
  };
}

/** `extensions` entry of an object that uses `name`. */
export function extensionUse(nodeId: string, name: NodeExtension, properties: StixObject = {}): StixObject {
  return { [extensionDefinitionId(nodeId, name)]: { extension_type: NODE_EXTENSIONS[name].kind, ...properties } };
}

/**
 * The node extensions an extension definition stands for, recognised by the schema file its URL
 * names (any node's definitions, whatever its id): extension-definition id → extension.
 */
export function nodeExtensionsIn(objects: readonly StixObject[]): Map<string, NodeExtension> {
  const found = new Map<string, NodeExtension>();
  for (const object of objects) {
    if (object.type !== 'extension-definition' || typeof object.schema !== 'string') continue;
    const name = extensionOfSchemaFile(object.schema.slice(object.schema.lastIndexOf('/') + 1));
    if (name) found.set(object.id as string, name);
  }
  return found;
}
