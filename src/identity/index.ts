/** Public surface of the identity core (plain TypeScript; the Nest module wraps it). */
export * from './identity.errors.js';
export { EXAMPLE_NODE_IDS, assertIdentityId } from './identity-ids.js';
export * from './key-passphrase.js';
export * from './node-key-store.js';
export * from './node-certificate.js';
export * from './dev-federation.js';
