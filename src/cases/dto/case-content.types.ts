import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type {
  CaseAttachment,
  CaseContent,
  CaseContentInput,
  CaseIdentifier,
  CaseRequest,
  CaseTransaction,
  IdentityDocument,
  IdentityDocumentType,
  Person,
  RequestKind,
  SourceReliability,
} from '../case-content.js';
import type { IntelCase } from '../entities/intel-case.entity.js';
import type { HandlingCode, IdentifierType, OffenceCategory, Tlp } from '../../kernel/vocabulary/index.js';
import { IdentityDocumentTypeEnum, RequestKindEnum, SourceReliabilityEnum } from './case-enums.js';
import {
  HandlingCodeEnum,
  IdentifierTypeEnum,
  OffenceCategoryEnum,
  TlpEnum,
} from '../../common/graphql/vocabulary.enums.js';

/*
 * One class serves as both the GraphQL input and output shape of each part of a case: the two are
 * the same data, and keeping one class stops them drifting apart. Ids are optional on input (the
 * node assigns them) and always present on output.
 */

@ObjectType('IdentityDocument')
@InputType('IdentityDocumentInput')
export class IdentityDocumentType_ {
  @Field(() => IdentityDocumentTypeEnum)
  type!: IdentityDocumentType;

  @Field()
  number!: string;

  @Field({ description: 'ISO 3166-1 alpha-2.' })
  issuingCountry!: string;
}

@ObjectType('Person')
@InputType('PersonInput')
export class PersonType {
  @Field({ nullable: true })
  id?: string;

  @Field(() => [String])
  names!: string[];

  @Field(() => [String], { nullable: true })
  aliases?: string[];

  @Field({ nullable: true, description: 'YYYY-MM-DD, or YYYY where a policy generalised it.' })
  dateOfBirth?: string;

  @Field({ nullable: true, description: 'ISO 3166-1 alpha-2.' })
  nationality?: string;

  @Field(() => [IdentityDocumentType_], { nullable: true })
  documents?: IdentityDocumentType_[];
}

@ObjectType('CaseIdentifier')
@InputType('CaseIdentifierInput')
export class CaseIdentifierType {
  @Field({ nullable: true })
  id?: string;

  @Field(() => IdentifierTypeEnum)
  type!: IdentifierType;

  @Field()
  value!: string;
}

@ObjectType('CaseTransaction')
@InputType('CaseTransactionInput')
export class CaseTransactionType {
  @Field({ nullable: true })
  id?: string;

  @Field()
  chain!: string;

  @Field()
  txHash!: string;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field()
  asset!: string;

  @Field({ description: 'Decimal string, e.g. "1250.50".' })
  amount!: string;

  @Field({ description: 'ISO 8601 date-time.' })
  time!: string;
}

@ObjectType('CaseRequest', { description: 'A freeze request or request for information carried by the case.' })
@InputType('CaseRequestInput')
export class CaseRequestType {
  @Field({ nullable: true })
  id?: string;

  @Field(() => RequestKindEnum)
  kind!: RequestKind;

  @Field({ nullable: true, description: 'Id of the identifier (wallet or exchange account) a freeze request targets.' })
  targetIdentifierId?: string;

  @Field()
  text!: string;
}

@ObjectType('CaseAttachment')
export class CaseAttachmentType {
  @Field()
  id!: string;

  @Field()
  name!: string;

  @Field()
  mediaType!: string;

  @Field()
  sha256!: string;

  @Field(() => Int)
  bytes!: number;
}

/** What an analyst writes; attachments are added through the upload endpoint. */
@InputType('CaseInput')
export class CaseInput {
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

  @Field(() => [HandlingCodeEnum], { nullable: true })
  handlingCodes?: HandlingCode[];

  @Field(() => SourceReliabilityEnum)
  sourceReliability!: SourceReliability;

  @Field(() => Int, { description: 'Information accuracy grade 1-4.' })
  informationAccuracy!: number;

  @Field(() => [PersonType], { nullable: true })
  subjects?: PersonType[];

  @Field(() => [CaseIdentifierType], { nullable: true })
  identifiers?: CaseIdentifierType[];

  @Field(() => [CaseTransactionType], { nullable: true })
  transactions?: CaseTransactionType[];

  @Field(() => [CaseRequestType], { nullable: true })
  requests?: CaseRequestType[];
}

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

// The GraphQL shapes name exactly the case model's fields (the zod schema in case-content.ts): a new
// field fails to compile until it is exposed here too, in this one file.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const shapesMatchTheModel: [
  SameKeys<CaseInput, Omit<CaseContentInput, 'attachments'>>,
  SameKeys<Omit<CaseObject, 'id' | 'revision' | 'createdBy' | 'createdAt' | 'updatedAt'>, CaseContent>,
  SameKeys<PersonType, Person>,
  SameKeys<IdentityDocumentType_, IdentityDocument>,
  SameKeys<CaseIdentifierType, CaseIdentifier>,
  SameKeys<CaseTransactionType, CaseTransaction>,
  SameKeys<CaseRequestType, CaseRequest>,
  SameKeys<CaseAttachmentType, CaseAttachment>,
] = [true, true, true, true, true, true, true, true];
void shapesMatchTheModel;
