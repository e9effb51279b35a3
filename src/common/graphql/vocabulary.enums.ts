import { registerEnumType } from '@nestjs/graphql';
import {
  HANDLING_CODES,
  IDENTIFIER_TYPES,
  OFFENCE_CATEGORIES,
  Role,
  TLP_LEVELS,
} from '../../kernel/vocabulary/index.js';

/** A GraphQL enum from one of the kernel's constant lists, so the two can never disagree. */
export function enumOf<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((value) => [value, value])) as Record<T, T>;
}

// The kernel's vocabulary as GraphQL enums. Decorators name these objects, so registration always
// runs before the schema is built, whichever module uses them first.
export const OffenceCategoryEnum = enumOf(OFFENCE_CATEGORIES);
export const TlpEnum = enumOf(TLP_LEVELS);
export const HandlingCodeEnum = enumOf(HANDLING_CODES);
export const IdentifierTypeEnum = enumOf(IDENTIFIER_TYPES);
export const RoleEnum = Role;

registerEnumType(OffenceCategoryEnum, { name: 'OffenceCategory' });
registerEnumType(TlpEnum, { name: 'Tlp', description: 'TLP 2.0 marking; AMBER_STRICT is AMBER+STRICT.' });
registerEnumType(HandlingCodeEnum, { name: 'HandlingCode' });
registerEnumType(IdentifierTypeEnum, { name: 'IdentifierType' });
registerEnumType(RoleEnum, { name: 'Role', description: 'What an officer account may do on this node.' });
