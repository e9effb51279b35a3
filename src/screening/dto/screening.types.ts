import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { IdentifierType, OffenceCategory, Tlp } from '../../kernel/vocabulary/index.js';
import { IdentifierTypeEnum, OffenceCategoryEnum, TlpEnum } from '../../common/graphql/vocabulary.enums.js';
import { SeverityEnum } from '../../watchlist/dto/watchlist.types.js';
import type { Severity } from '../../watchlist/watchlist-entry.js';

export enum HitSource {
  LOCAL_CASE = 'LOCAL_CASE',
  WATCHLIST = 'WATCHLIST',
  PARTNER_DATA = 'PARTNER_DATA',
}
registerEnumType(HitSource, { name: 'HitSource', description: 'Where a screening hit was found on this node.' });

@ObjectType('IdentifierValidation')
export class IdentifierValidationObject {
  @Field()
  valid!: boolean;

  @Field(() => String, { nullable: true, description: 'The form identifiers are stored and screened under.' })
  normalized!: string | null;

  @Field(() => String, { nullable: true, description: '"<category>: <detail>", e.g. "bad checksum: …".' })
  reason!: string | null;
}

@InputType('IdentifierInput')
export class IdentifierInput {
  @Field(() => IdentifierTypeEnum)
  type!: IdentifierType;

  @Field()
  value!: string;
}

@ObjectType('ScreeningHit')
export class ScreeningHitObject {
  @Field(() => HitSource)
  source!: HitSource;

  @Field({
    description:
      'The node the data comes from: this node for local cases, the origin for watchlist entries and partner data.',
  })
  sourceNode!: string;

  @Field(() => ID, { nullable: true, description: 'LOCAL_CASE only.' })
  caseId!: string | null;

  @Field(() => String, { nullable: true })
  caseReference!: string | null;

  @Field(() => TlpEnum, { nullable: true, description: 'LOCAL_CASE and PARTNER_DATA.' })
  tlp!: Tlp | null;

  @Field(() => ID, { nullable: true, description: 'WATCHLIST only.' })
  watchlistEntryId!: string | null;

  @Field(() => OffenceCategoryEnum, { nullable: true, description: 'WATCHLIST only.' })
  offenceCategory!: OffenceCategory | null;

  @Field(() => SeverityEnum, { nullable: true, description: 'WATCHLIST only.' })
  severity!: Severity | null;

  @Field(() => ID, { nullable: true, description: 'PARTNER_DATA only.' })
  receivedPacketId!: string | null;
}

@ObjectType('ScreeningResult', { description: 'One per input identifier, in input order.' })
export class ScreeningResultObject {
  @Field(() => IdentifierTypeEnum)
  type!: IdentifierType;

  @Field({ description: 'The value as given.' })
  value!: string;

  @Field()
  valid!: boolean;

  @Field(() => String, { nullable: true })
  normalized!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the value is not a valid identifier of its type; it was not screened.',
  })
  reason!: string | null;

  @Field(() => [ScreeningHitObject])
  hits!: ScreeningHitObject[];
}
