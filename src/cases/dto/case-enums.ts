import { registerEnumType } from '@nestjs/graphql';
import { enumOf } from '../../common/graphql/vocabulary.enums.js';
import { IDENTITY_DOCUMENT_TYPES, REQUEST_KINDS, SOURCE_RELIABILITY } from '../case-content.js';

/** The case model's own enums (the shared vocabulary's are in common/graphql/vocabulary.enums.ts). */
export const IdentityDocumentTypeEnum = enumOf(IDENTITY_DOCUMENT_TYPES);
export const RequestKindEnum = enumOf(REQUEST_KINDS);
export const SourceReliabilityEnum = enumOf(SOURCE_RELIABILITY);

registerEnumType(IdentityDocumentTypeEnum, { name: 'IdentityDocumentType' });
registerEnumType(RequestKindEnum, { name: 'RequestKind' });
registerEnumType(SourceReliabilityEnum, {
  name: 'SourceReliability',
  description: 'Admiralty source reliability grade A-D.',
});
