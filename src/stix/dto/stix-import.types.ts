import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IdentifierTypeEnum, OffenceCategoryEnum } from '../../common/graphql/vocabulary.enums.js';
import type { IdentifierType, OffenceCategory } from '../../kernel/vocabulary/index.js';
import { SeverityEnum } from '../../watchlist/dto/watchlist.types.js';
import type { Severity } from '../../watchlist/watchlist-entry.js';

@InputType('StixImportDefaults', {
  description:
    'What imported watchlist entries get when their indicator does not say (labels offence:…, severity:…, valid_until).',
})
export class StixImportDefaultsInput {
  @Field(() => OffenceCategoryEnum, { nullable: true })
  offenceCategory?: OffenceCategory | null;

  @Field(() => SeverityEnum, { nullable: true, description: 'MEDIUM unless told.' })
  severity?: Severity | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Days an entry stays valid when its indicator has no valid_until (default 365).',
  })
  validDays?: number | null;
}

@ObjectType('StixImported', { description: 'An indicator that became a watchlist entry or a case identifier.' })
export class StixImportedObject {
  @Field({ description: 'The STIX id of the indicator.' })
  objectId!: string;

  @Field(() => IdentifierTypeEnum)
  identifierType!: IdentifierType;

  @Field({ description: 'The normalised identifier.' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'The new watchlist entry (watchlist imports).' })
  entryId!: string | null;

  @Field(() => String, { nullable: true, description: 'The new identifier id in the case (case imports).' })
  identifierId!: string | null;
}

@ObjectType('StixRefused', { description: 'A bundle object that was not imported, and why.' })
export class StixRefusedObject {
  @Field()
  objectId!: string;

  @Field()
  reason!: string;
}

@ObjectType('StixImportResult')
export class StixImportResultObject {
  @Field({ description: 'WATCHLIST, or the id of the case the identifiers were added to.' })
  target!: string;

  @Field(() => [StixImportedObject])
  imported!: StixImportedObject[];

  @Field(() => [StixRefusedObject])
  refused!: StixRefusedObject[];

  @Field(() => Int, {
    description: 'Objects other than indicators (identities, markings, observables …), read but not imported.',
  })
  otherObjects!: number;

  @Field(() => Int, { nullable: true, description: 'The case revision after the import (case imports).' })
  caseRevision!: number | null;
}
