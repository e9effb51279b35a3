import { SCHEMA_DIR, wireValidator } from '../kernel/wire/wire-schemas.js';
import type { FreezeWirePacketType } from './freeze-wire.js';

// The bodies of the freeze protocol are validated with their JSON Schemas in docs/schemas/ through the
// kernel's one loader of wire schemas: the files partners implement from are the ones the node checks.

/** Where a body breaks its schema: a JSON pointer into the body and what is wrong there. */
export interface WireSchemaProblem {
  pointer: string;
  message: string;
}

/** The schema file of a packet type (for docs and tests). */
export function wireSchemaFile(type: FreezeWirePacketType): string {
  return `${SCHEMA_DIR}${type}.json`;
}

/** Checks a body against its packet type's schema; undefined when it conforms. */
export function wireSchemaProblem(type: FreezeWirePacketType, body: unknown): WireSchemaProblem | undefined {
  const check = wireValidator(type).safeParse(body);
  if (check.success) return undefined;
  const [issue] = check.error.issues;
  const pointer = issue ? `/${issue.path.map(String).join('/')}` : '/';
  return { pointer: pointer === '/' ? '/' : pointer, message: issue?.message ?? 'does not match the schema' };
}
