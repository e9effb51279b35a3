import type { Tlp } from '../kernel/vocabulary/index.js';
import type { JsonObject } from '../kernel/crypto/canonical-json.js';
import { extensionDefinition, type NodeExtension } from './stix-extensions.js';
import { derivedId, nodeIdentityId } from './stix-ids.js';
import { tlpMarkingDefinition, type StixObject } from './stix-vocabulary.js';

/** The node as STIX knows it. */
export interface StixNode {
  id: string;
  /** The agency's name, e.g. "Korean National Police Agency". */
  name: string;
  /** Where the node serves its extension schemas, ending in /stix/extensions/ (see stixNodeOf). */
  schemaBaseUrl: string;
}

/** Identities are the same object in every export: fixed timestamps, the node id in the description. */
const IDENTITY_TIME = '2026-01-01T00:00:00.000Z';

export function identityObject(node: Pick<StixNode, 'id' | 'name'>): StixObject {
  const id = nodeIdentityId(node.id);
  return {
    type: 'identity',
    spec_version: '2.1',
    id,
    created_by_ref: id,
    created: IDENTITY_TIME,
    modified: IDENTITY_TIME,
    name: node.name,
    description: `fed-node ${node.id}`,
    identity_class: 'organization',
    sectors: ['government-national'],
  };
}

export interface BundleParts {
  identities: StixObject[];
  tlps: Tlp[];
  extensions: Set<NodeExtension>;
  objects: StixObject[];
}

/**
 * A bundle in a fixed order: identities, markings, extension definitions, then the content. A bundle
 * id is derived from `key`, so the same export is the same bundle.
 */
export function bundleOf(
  node: StixNode,
  key: string,
  parts: BundleParts,
  extraMarkings: StixObject[] = [],
): StixObject {
  const identityId = nodeIdentityId(node.id);
  const tlps = [...new Set(parts.tlps)].sort();
  const objects: StixObject[] = [
    ...parts.identities,
    ...tlps.map(tlpMarkingDefinition),
    ...extraMarkings,
    ...[...parts.extensions].sort().map((name) => extensionDefinition(node.id, identityId, name, node.schemaBaseUrl)),
    ...parts.objects,
  ];
  return { type: 'bundle', id: derivedId('bundle', node.id, key), objects };
}

/** Common properties of an SDO or SRO created by `createdBy`. */
export function sdoBase(
  type: string,
  id: string,
  createdBy: string,
  created: string,
  modified: string,
  markings: string[],
): JsonObject {
  return { type, spec_version: '2.1', id, created_by_ref: createdBy, created, modified, object_marking_refs: markings };
}

export function relationship(
  id: string,
  base: Omit<JsonObject, 'type' | 'id'>,
  type: string,
  source: string,
  target: string,
): StixObject {
  return { ...base, type: 'relationship', id, relationship_type: type, source_ref: source, target_ref: target };
}
