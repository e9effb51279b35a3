import type { NodeConfig } from '../config/node-config.schema.js';
import type { StixNode } from './stix-common.js';
import { EXTENSION_SCHEMA_PATH } from './stix-extensions.js';

/** The base URL of the TAXII listener as partners reach it, or undefined when TAXII is off. */
export function taxiiBaseUrl(config: Pick<NodeConfig, 'taxii'>): string | undefined {
  const { taxii } = config;
  if (taxii.publicUrl) return taxii.publicUrl;
  if (taxii.port === undefined) return undefined;
  const host = taxii.host.includes(':') ? `[${taxii.host}]` : taxii.host;
  return `${taxii.tls.enabled ? 'https' : 'http'}://${host}:${taxii.port}`;
}

/**
 * The node as its STIX output names it. Extension schemas are served on the TAXII listener, where
 * partners' platforms already connect, and on the officers' port when TAXII is off.
 */
export function stixNodeOf(config: Pick<NodeConfig, 'id' | 'name' | 'taxii' | 'listen'>): StixNode {
  const host = config.listen.host.includes(':') ? `[${config.listen.host}]` : config.listen.host;
  const base = taxiiBaseUrl(config) ?? `http://${host}:${config.listen.port}`;
  return { id: config.id, name: config.name, schemaBaseUrl: `${base}${EXTENSION_SCHEMA_PATH}` };
}
