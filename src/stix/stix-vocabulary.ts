import type { Tlp } from '../cases/case-content.js';
import type { JsonObject } from '../envelope/canonical-json.js';
import { derivedId } from './stix-ids.js';

// Fixed parts of the STIX vocabulary this node writes: the TLP 2.0 marking definitions (published by
// the OASIS CTI TC with fixed ids) and the extension definitions of the observables STIX lacks.

export type StixObject = JsonObject;

/** The TLP 2.0 property extension, cti-stix-common-objects/extension-definition-specifications/tlp-2.0. */
export const TLP_2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
const TLP_2_CREATED = '2022-10-01T00:00:00.000Z';

const TLP_MARKINGS: Readonly<Record<Tlp, { id: string; name: string; level: string }>> = {
  CLEAR: { id: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', name: 'TLP:CLEAR', level: 'clear' },
  GREEN: { id: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', name: 'TLP:GREEN', level: 'green' },
  AMBER: { id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', name: 'TLP:AMBER', level: 'amber' },
  AMBER_STRICT: { id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003', name: 'TLP:AMBER+STRICT', level: 'amber+strict' },
  RED: { id: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', name: 'TLP:RED', level: 'red' },
};

export function tlpMarkingId(tlp: Tlp): string {
  return TLP_MARKINGS[tlp].id;
}

/** The TLP level a marking-definition id stands for, or undefined for any other marking. */
export function tlpOfMarking(id: string): Tlp | undefined {
  return (Object.keys(TLP_MARKINGS) as Tlp[]).find((tlp) => TLP_MARKINGS[tlp].id === id);
}

/** The published TLP 2.0 marking-definition object, exactly as OASIS publishes it. */
export function tlpMarkingDefinition(tlp: Tlp): StixObject {
  const marking = TLP_MARKINGS[tlp];
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: marking.id,
    created: TLP_2_CREATED,
    name: marking.name,
    extensions: { [TLP_2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: marking.level } },
  };
}

/** Observable types STIX 2.1 lacks, each a new SCO defined by an extension-definition of the node. */
export const CUSTOM_SCO_TYPES = ['cryptocurrency-wallet', 'cryptocurrency-transaction', 'phone-number', 'bank-account'] as const;
export type CustomScoType = (typeof CUSTOM_SCO_TYPES)[number];

const CUSTOM_SCO_DESCRIPTIONS: Readonly<Record<CustomScoType, string>> = {
  'cryptocurrency-wallet': 'A cryptocurrency address (Bitcoin, EVM, TRON, Litecoin, Monero): address, chain.',
  'cryptocurrency-transaction': 'A transfer on a blockchain: chain, transaction_hash, from_address, to_address, asset, amount (decimal string), time.',
  'phone-number': 'A telephone number in E.164 form: number.',
  'bank-account': 'A bank account: account (IBAN, <country>:<bank code>:<account> or digits, normalised), optional country.',
};

/** Version of the extension schemas in docs/STIX.md; bump it when a schema changes. */
export const EXTENSION_VERSION = '1.0.0';
/** Fixed, so that an extension definition is the same object in every export. */
export const EXTENSION_CREATED = '2026-01-01T00:00:00.000Z';

export function extensionDefinitionId(nodeId: string, type: CustomScoType): string {
  return derivedId('extension-definition', nodeId, `sco/${type}/${EXTENSION_VERSION}`);
}

export function extensionDefinition(nodeId: string, identityId: string, type: CustomScoType): StixObject {
  return {
    type: 'extension-definition',
    spec_version: '2.1',
    id: extensionDefinitionId(nodeId, type),
    created_by_ref: identityId,
    created: EXTENSION_CREATED,
    modified: EXTENSION_CREATED,
    name: type,
    description: CUSTOM_SCO_DESCRIPTIONS[type],
    schema: `fed-node docs/STIX.md#${type} (JSON schema docs/stix/${type}.schema.json)`,
    version: EXTENSION_VERSION,
    extension_types: ['new-sco'],
  };
}

/** STIX 2.1 appendix "Confidence scales": Admiralty information credibility 1-4 as 0-100 confidence. */
export const ACCURACY_CONFIDENCE: Readonly<Record<number, number>> = { 1: 90, 2: 70, 3: 50, 4: 30 };

/** Labels are lower-case and hyphenated: ONLINE_SCAM → offence:online-scam. */
export function label(prefix: string, value: string): string {
  return `${prefix}:${value.toLowerCase().replace(/_/g, '-')}`;
}
