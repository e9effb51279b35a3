import { registerEnumType } from '@nestjs/graphql';
import {
  HANDLING_CODES,
  IDENTIFIER_TYPES,
  IDENTITY_DOCUMENT_TYPES,
  OFFENCE_CATEGORIES,
  REQUEST_KINDS,
  SOURCE_RELIABILITY,
  TLP_LEVELS,
} from '../case-content.js';

/** GraphQL enums from the case model's constant lists, so the two can never disagree. */
export function enumOf<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((value) => [value, value])) as Record<T, T>;
}

export const OffenceCategoryEnum = enumOf(OFFENCE_CATEGORIES);
export const TlpEnum = enumOf(TLP_LEVELS);
export const HandlingCodeEnum = enumOf(HANDLING_CODES);
export const IdentifierTypeEnum = enumOf(IDENTIFIER_TYPES);
export const IdentityDocumentTypeEnum = enumOf(IDENTITY_DOCUMENT_TYPES);
export const RequestKindEnum = enumOf(REQUEST_KINDS);
export const SourceReliabilityEnum = enumOf(SOURCE_RELIABILITY);

registerEnumType(OffenceCategoryEnum, { name: 'OffenceCategory' });
registerEnumType(TlpEnum, { name: 'Tlp', description: 'TLP 2.0 marking; AMBER_STRICT is AMBER+STRICT.' });
registerEnumType(HandlingCodeEnum, { name: 'HandlingCode' });
registerEnumType(IdentifierTypeEnum, { name: 'IdentifierType' });
registerEnumType(IdentityDocumentTypeEnum, { name: 'IdentityDocumentType' });
registerEnumType(RequestKindEnum, { name: 'RequestKind' });
registerEnumType(SourceReliabilityEnum, { name: 'SourceReliability', description: 'Admiralty source reliability grade A-D.' });
