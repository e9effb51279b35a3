import type { Tlp } from '../kernel/vocabulary/index.js';
import type { JsonObject } from '../kernel/crypto/canonical-json.js';

// Fixed parts of the STIX vocabulary this node writes: the TLP 2.0 marking definitions (published by
// the OASIS CTI TC with fixed ids), labels and confidence. The node's own extensions: stix-extensions.ts.

export type StixObject = JsonObject;

/** The TLP 2.0 property extension, cti-stix-common-objects/extension-definition-specifications/tlp-2.0. */
export const TLP_2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
const TLP_2_CREATED = '2022-10-01T00:00:00.000Z';

const TLP_MARKINGS: Readonly<Record<Tlp, { id: string; name: string; level: string }>> = {
  CLEAR: { id: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', name: 'TLP:CLEAR', level: 'clear' },
  GREEN: { id: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', name: 'TLP:GREEN', level: 'green' },
  AMBER: { id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', name: 'TLP:AMBER', level: 'amber' },
  AMBER_STRICT: {
    id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
    name: 'TLP:AMBER+STRICT',
    level: 'amber+strict',
  },
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

/** STIX 2.1 appendix "Confidence scales": Admiralty information credibility 1-4 as 0-100 confidence. */
export const ACCURACY_CONFIDENCE: Readonly<Record<number, number>> = { 1: 90, 2: 70, 3: 50, 4: 30 };

/** Labels are lower-case and hyphenated: ONLINE_SCAM → offence:online-scam. */
export function label(prefix: string, value: string): string {
  return `${prefix}:${value.toLowerCase().replace(/_/g, '-')}`;
}
