import { Parent, ResolveField, Resolver, registerEnumType } from '@nestjs/graphql';
import { enumOf } from '../common/graphql/vocabulary.enums.js';
import { IDENTIFIER_REASON_CODES, identifierReasonCode, type IdentifierReasonCode } from '../identifiers/index.js';
import { IdentifierValidationObject, ScreeningResultObject } from './dto/screening.types.js';

export const IdentifierReasonCodeEnum = enumOf(IDENTIFIER_REASON_CODES);
registerEnumType(IdentifierReasonCodeEnum, {
  name: 'IdentifierReasonCode',
  description: 'The category of an identifier refusal as a stable code (the reason text keeps the detail).',
});

const DESCRIPTION = "The reason's category as a stable code, to word it in the reader's language.";

@Resolver(() => IdentifierValidationObject)
export class IdentifierValidationTextResolver {
  @ResolveField(() => IdentifierReasonCodeEnum, { nullable: true, description: DESCRIPTION })
  reasonCode(@Parent() validation: IdentifierValidationObject): IdentifierReasonCode | null {
    return identifierReasonCode(validation.reason);
  }
}

@Resolver(() => ScreeningResultObject)
export class ScreeningResultTextResolver {
  @ResolveField(() => IdentifierReasonCodeEnum, { nullable: true, description: DESCRIPTION })
  reasonCode(@Parent() result: ScreeningResultObject): IdentifierReasonCode | null {
    return identifierReasonCode(result.reason);
  }
}
