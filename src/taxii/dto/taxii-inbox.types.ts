import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { IdentifierType, OffenceCategory } from '../../kernel/vocabulary/index.js';
import { IdentifierTypeEnum, OffenceCategoryEnum } from '../../common/graphql/vocabulary.enums.js';
import { SeverityEnum } from '../../watchlist/dto/watchlist.types.js';
import type { Severity } from '../../watchlist/watchlist-entry.js';
import type { InboxItemState } from '../entities/taxii-inbox-item.entity.js';

export const InboxItemStateEnum: Record<InboxItemState, InboxItemState> = {
  PENDING: 'PENDING',
  SUCCESS: 'SUCCESS',
  FAILURE: 'FAILURE',
};
registerEnumType(InboxItemStateEnum, {
  name: 'TaxiiInboxItemState',
  description:
    'PENDING waits for a liaison officer; SUCCESS became (or already was) a watchlist entry; FAILURE was refused.',
});

@ObjectType('TaxiiInboxItem', {
  description: "An indicator or observable one of the agency's own tools published into the TAXII inbox.",
})
export class TaxiiInboxItemObject {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The TAXII status resource of the request it came in.' })
  statusId!: string;

  @Field({ description: 'The publisher account (taxiiAccounts, kind PUBLISHER).' })
  publisher!: string;

  @Field({ description: 'When the request came in (TAXII timestamp).' })
  receivedAt!: string;

  @Field({ description: 'The STIX id of the object.' })
  objectId!: string;

  @Field(() => InboxItemStateEnum)
  state!: InboxItemState;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => IdentifierTypeEnum)
  identifierType!: IdentifierType;

  @Field({ description: 'The normalised identifier.' })
  value!: string;

  @Field()
  reason!: string;

  @Field(() => OffenceCategoryEnum)
  offenceCategory!: OffenceCategory;

  @Field(() => SeverityEnum)
  severity!: Severity;

  @Field()
  validUntil!: string;

  @Field(() => String, { nullable: true, description: 'The watchlist entry it became.' })
  entryId!: string | null;

  @Field(() => String, { nullable: true })
  decidedBy!: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;
}
