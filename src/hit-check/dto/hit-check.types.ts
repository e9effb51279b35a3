import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { IdentifierType } from '../../kernel/vocabulary/index.js';
import { IdentifierTypeEnum } from '../../common/graphql/vocabulary.enums.js';

@ObjectType('HitCheckResult', { description: "One identifier's blinded hit/no-hit answer from a partner." })
export class HitCheckResultObject {
  @Field(() => IdentifierTypeEnum)
  type!: IdentifierType;

  @Field({ description: 'The normalised value that was checked.' })
  value!: string;

  @Field()
  hit!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "On a hit, the partner's opaque reference: quote it when requesting the record through a share.",
  })
  reference!: string | null;
}

@ObjectType('HitCheckReference', { description: 'What a reference we published to a partner stands for.' })
export class HitCheckReferenceObject {
  @Field()
  partnerId!: string;

  @Field(() => ID)
  entryId!: string;
}
