import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { enumOf } from '../../common/graphql/vocabulary.enums.js';
import { JsonScalar } from '../../common/graphql/json.scalar.js';
import { POLICY_TEXT_CODES, type PolicyTextCode, type PolicyTextParams } from '../policy-text.js';

export const PolicyTextCodeEnum = enumOf(POLICY_TEXT_CODES);
registerEnumType(PolicyTextCodeEnum, {
  name: 'PolicyTextCode',
  description:
    "What a policy reason or a removal rule says, as a stable code; OTHER for a sentence this node's templates do not know.",
});

@ObjectType('PolicyText', {
  description:
    "A sentence of the sharing policy as a stable code with parameters, for clients that word it in the reader's language.",
})
export class PolicyTextObject {
  @Field(() => PolicyTextCodeEnum)
  code!: PolicyTextCode;

  @Field(() => JsonScalar, {
    description: 'Named values of the sentence: codes and node ids as strings, lists as arrays, counts as numbers.',
  })
  params!: PolicyTextParams;

  @Field({ description: 'The English sentence itself.' })
  text!: string;
}
