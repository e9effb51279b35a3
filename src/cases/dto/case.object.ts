import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { CaseContent, HandlingCode, OffenceCategory, SourceReliability, Tlp } from '../case-content.js';
import type { IntelCase } from '../entities/intel-case.entity.js';
import { HandlingCodeEnum, OffenceCategoryEnum, SourceReliabilityEnum, TlpEnum } from './case-enums.js';
import { CaseAttachmentType, CaseIdentifierType, CaseRequestType, CaseTransactionType, PersonType } from './case-content.types.js';

@ObjectType('Case', { description: 'A case of this agency, as analysts edit it (never what a partner receives).' })
export class CaseObject {
  @Field(() => ID)
  id!: string;

  @Field()
  reference!: string;

  @Field()
  title!: string;

  @Field({ nullable: true })
  summary?: string;

  @Field(() => [OffenceCategoryEnum])
  offenceCategories!: OffenceCategory[];

  @Field(() => TlpEnum)
  tlp!: Tlp;

  @Field(() => [HandlingCodeEnum])
  handlingCodes!: HandlingCode[];

  @Field(() => SourceReliabilityEnum)
  sourceReliability!: SourceReliability;

  @Field(() => Int)
  informationAccuracy!: number;

  @Field(() => [PersonType])
  subjects!: PersonType[];

  @Field(() => [CaseIdentifierType])
  identifiers!: CaseIdentifierType[];

  @Field(() => [CaseTransactionType])
  transactions!: CaseTransactionType[];

  @Field(() => [CaseAttachmentType])
  attachments!: CaseAttachmentType[];

  @Field(() => [CaseRequestType])
  requests!: CaseRequestType[];

  @Field(() => Int, { description: 'Increases on every change.' })
  revision!: number;

  @Field()
  createdBy!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  static of(row: IntelCase): CaseObject {
    const content: CaseContent = row.content;
    return Object.assign(new CaseObject(), content, {
      id: row.id,
      revision: row.revision,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  }
}
