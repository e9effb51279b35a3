import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import type {
  HandlingCode,
  IdentifierType,
  IdentityDocumentType,
  OffenceCategory,
  RequestKind,
  SourceReliability,
  Tlp,
} from '../case-content.js';
import {
  HandlingCodeEnum,
  IdentifierTypeEnum,
  IdentityDocumentTypeEnum,
  OffenceCategoryEnum,
  RequestKindEnum,
  SourceReliabilityEnum,
  TlpEnum,
} from './case-enums.js';

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
