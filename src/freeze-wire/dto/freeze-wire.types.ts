import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { enumOf, IdentifierTypeEnum } from '../../common/graphql/vocabulary.enums.js';
import {
  FREEZE_ACTIONS,
  FREEZE_ANSWER_STATUSES,
  LEGAL_INSTRUMENT_TYPES,
  TRANSFER_DIRECTIONS,
  URGENCY_CLASSES,
  type FreezeAction,
  type FreezeAnswerStatus,
  type IdentifierType,
  type LegalInstrumentType,
  type TransferDirection,
  type UrgencyClass,
} from '../../kernel/vocabulary/index.js';

// GraphQL shapes both sides of the protocol show: agencies (requests they sent, answers they got) and
// exchanges (requests they got, answers they write).

export const FreezeActionEnum = enumOf(FREEZE_ACTIONS);
export const UrgencyClassEnum = enumOf(URGENCY_CLASSES);
export const FreezeAnswerStatusEnum = enumOf(FREEZE_ANSWER_STATUSES);
export const LegalInstrumentTypeEnum = enumOf(LEGAL_INSTRUMENT_TYPES);
export const TransferDirectionEnum = enumOf(TRANSFER_DIRECTIONS);
registerEnumType(FreezeActionEnum, { name: 'FreezeAction' });
registerEnumType(UrgencyClassEnum, {
  name: 'UrgencyClass',
  description: 'URGENT (default 8 hours), STANDARD (3 days), ROUTINE (7 days): EU 2023/977; deadlines set per policy.',
});
registerEnumType(FreezeAnswerStatusEnum, { name: 'FreezeAnswerStatus' });
registerEnumType(LegalInstrumentTypeEnum, { name: 'LegalInstrumentType' });
registerEnumType(TransferDirectionEnum, { name: 'TransferDirection' });

@ObjectType('OrderDocument', { description: 'The order a request rests on; its SHA-256 is signed with the request.' })
export class OrderDocumentObject {
  @Field()
  name!: string;

  @Field()
  mediaType!: string;

  @Field()
  sha256!: string;

  @Field(() => Int)
  bytes!: number;
}

@ObjectType('LegalBasis')
export class LegalBasisObject {
  @Field(() => LegalInstrumentTypeEnum)
  instrumentType!: LegalInstrumentType;

  @Field()
  reference!: string;

  @Field()
  issuingAuthority!: string;

  @Field(() => String, { nullable: true })
  issuedOn?: string | null;

  @Field(() => OrderDocumentObject)
  order!: OrderDocumentObject;
}

@ObjectType('FreezeTarget', { description: 'A wallet or exchange account a request is about.' })
export class FreezeTargetObject {
  @Field({ description: 'T1, T2, …: answers name their target by it.' })
  targetId!: string;

  @Field(() => IdentifierTypeEnum)
  identifierType!: IdentifierType;

  @Field()
  value!: string;

  @Field(() => String, { nullable: true })
  chain?: string | null;

  @Field(() => String, { nullable: true })
  asset?: string | null;

  @Field(() => String, { nullable: true })
  tokenContract?: string | null;

  @Field(() => String, { nullable: true, description: 'Decimal, in the asset unit.' })
  amount?: string | null;

  @Field(() => [String], { nullable: true })
  transactionHashes?: string[] | null;
}

@ObjectType('TargetAnswer', { description: "An exchange's answer about one target." })
@InputType('TargetAnswerInput')
export class TargetAnswerType {
  @Field()
  targetId!: string;

  @Field(() => FreezeAnswerStatusEnum)
  status!: FreezeAnswerStatus;

  @Field(() => String, { nullable: true, description: 'FROZEN, PARTIALLY_FROZEN: the amount held.' })
  amount?: string | null;

  @Field(() => String, { nullable: true })
  asset?: string | null;

  @Field(() => String, { nullable: true, description: 'The account holding the funds.' })
  account?: string | null;

  @Field(() => String, { nullable: true, description: 'When the funds were frozen or released (ISO 8601).' })
  at?: string | null;

  @Field(() => String, { nullable: true, description: 'FROZEN, PARTIALLY_FROZEN: when the hold lapses.' })
  frozenUntil?: string | null;

  @Field(() => String, { nullable: true, description: 'NEEDS_LEGAL_PROCESS: what is missing.' })
  missing?: string | null;

  @Field(() => String, { nullable: true, description: 'DECLINED: why.' })
  reason?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

export type { FreezeAction, UrgencyClass, TransferDirection };
