import { PkiError } from './pki-errors.js';

/**
 * Same rule as `nodeIdSchema` in the node configuration. Ids become directory names under the data
 * dir and certificate names, so the rule also keeps path traversal out.
 */
const ID_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;

/** Top-level names under the data dir that are not node directories. */
const RESERVED_IDS = new Set(['ca', 'trust']);

export const EXAMPLE_NODE_IDS = [
  'kr-knpa',
  'kr-kcs',
  'kh-gdce',
  'kh-cnp',
  'asean-hub',
  'kr-exchange-hanbit',
  'global-exchange-meridian',
] as const;

export function assertIdentityId(kind: 'node' | 'agency', id: string): string {
  if (!ID_PATTERN.test(id)) {
    throw new PkiError(
      `Invalid ${kind} id "${id}": must be 2-63 lower-case letters, digits and dashes, starting with a letter`,
    );
  }
  if (kind === 'node' && RESERVED_IDS.has(id)) {
    throw new PkiError(`Invalid node id "${id}": reserved name under the data directory`);
  }
  return id;
}
