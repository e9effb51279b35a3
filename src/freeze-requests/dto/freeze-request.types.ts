import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IdentifierTypeEnum } from '../../common/graphql/vocabulary.enums.js';
import {
  FreezeActionEnum,
  FreezeTargetObject,
  LegalBasisObject,
  LegalInstrumentTypeEnum,
  TargetAnswerType,
  UrgencyClassEnum,
} from '../../freeze-wire/dto/freeze-wire.types.js';
import type { FreezeAction, IdentifierType, LegalInstrumentType, UrgencyClass } from '../../kernel/vocabulary/index.js';

@InputType('LegalBasisInput')
export class LegalBasisInput {
  @Field(() => LegalInstrumentTypeEnum)
  instrumentType!: LegalInstrumentType;

  @Field({ description: "The order's own reference, e.g. a court docket number." })
  reference!: string;

  @Field()
  issuingAuthority!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  issuedOn?: string | null;

  @Field({ description: 'The case attachment holding the signed order (upload it to the case first).' })
  orderAttachmentId!: string;
}

@InputType('FreezeTargetInput')
export class FreezeTargetInput {
  @Field(() => IdentifierTypeEnum, { description: 'A wallet type or EXCHANGE_ACCOUNT.' })
  identifierType!: IdentifierType;

  @Field()
  value!: string;

  @Field(() => String, { nullable: true })
  chain?: string | null;

  @Field(() => String, { nullable: true })
  asset?: string | null;

  @Field(() => String, { nullable: true })
  tokenContract?: string | null;

  @Field(() => String, { nullable: true })
  amount?: string | null;

  @Field(() => [String], { nullable: true })
  transactionHashes?: string[] | null;
}

@InputType('FreezeRequestInput')
export class FreezeRequestInput {
  @Field(() => ID)
  caseId!: string;

  @Field(() => [String], { description: 'Exchanges among our peers; each gets its own copy.' })
  exchangeIds!: string[];

  @Field(() => FreezeActionEnum)
  action!: FreezeAction;

  @Field(() => LegalBasisInput)
  legalBasis!: LegalBasisInput;

  @Field(() => [FreezeTargetInput])
  targets!: FreezeTargetInput[];

  @Field(() => Int, { nullable: true, description: 'FREEZE only: how many days the freeze is ordered for.' })
  durationDays?: number | null;

  @Field({ description: 'The customer must not learn of the request.' })
  noTippingOff!: boolean;

  @Field(() => UrgencyClassEnum)
  urgency!: UrgencyClass;

  @Field(() => String, { nullable: true, description: 'A message to the exchanges.' })
  note?: string | null;
}

@ObjectType('FreezeAnswer', { description: "An exchange's signed answer about one target, as received." })
export class FreezeAnswerObject extends TargetAnswerType {
  @Field()
  packetId!: string;

  @Field()
  answeredAt!: Date;

  @Field()
  receivedAt!: Date;
}

@ObjectType('FreezeRequestCopy', {
  description: "One exchange's copy of a request: its own decision, deadline and answers.",
})
export class FreezeRequestCopyObject {
  @Field(() => ID)
  id!: string;

  @Field()
  exchangeId!: string;

  @Field({
    description: 'PENDING_APPROVAL, DENIED_BY_POLICY, APPROVED, SENT, DELIVERED, FAILED, REJECTED or WITHDRAWN.',
  })
  status!: string;

  @Field(() => String, { nullable: true })
  policyVersion!: string | null;

  @Field(() => [String])
  policyReasons!: string[];

  @Field(() => String, { nullable: true })
  packetId!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the answer is due (set when the copy is sealed).' })
  deadlineAt!: Date | null;

  @Field({ description: 'The deadline passed before every target had a substantive answer.' })
  overdue!: boolean;

  @Field({ description: 'NONE, ACKNOWLEDGED or ANSWERED (every target has an answer other than ACKNOWLEDGED).' })
  answerState!: string;

  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => [FreezeAnswerObject], { description: 'Every answer received, oldest first.' })
  answers!: FreezeAnswerObject[];
}

@ObjectType('FreezeRequest', { description: 'A request from this agency to exchanges about wallets of a case.' })
export class FreezeRequestObject {
  @Field(() => ID)
  id!: string;

  @Field()
  reference!: string;

  @Field(() => ID)
  caseId!: string;

  @Field()
  caseReference!: string;

  @Field(() => FreezeActionEnum)
  action!: FreezeAction;

  @Field(() => LegalBasisObject)
  legalBasis!: LegalBasisObject;

  @Field(() => [FreezeTargetObject])
  targets!: FreezeTargetObject[];

  @Field(() => Int, { nullable: true })
  durationDays!: number | null;

  @Field()
  noTippingOff!: boolean;

  @Field(() => UrgencyClassEnum)
  urgency!: UrgencyClass;

  @Field(() => String, { nullable: true, description: 'The reference of the request this one extends or lifts.' })
  follows!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field({ description: 'PENDING_APPROVAL, DENIED_BY_POLICY, APPROVED, REJECTED or WITHDRAWN.' })
  status!: string;

  @Field()
  requestedBy!: string;

  @Field()
  requestedAt!: Date;

  @Field(() => String, { nullable: true })
  decidedBy!: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  decisionComment!: string | null;

  @Field(() => [FreezeRequestCopyObject])
  copies!: FreezeRequestCopyObject[];
}

@ObjectType('FreezeHold', {
  description: 'Funds an exchange holds for us on one wallet or account, and when the freeze lapses.',
})
export class FreezeHoldObject {
  @Field(() => ID)
  id!: string;

  @Field()
  exchangeId!: string;

  @Field(() => IdentifierTypeEnum)
  identifierType!: IdentifierType;

  @Field()
  value!: string;

  @Field(() => ID)
  caseId!: string;

  @Field({ description: 'The request whose answer set the hold as it stands.' })
  requestReference!: string;

  @Field(() => String, { nullable: true })
  amount!: string | null;

  @Field(() => String, { nullable: true })
  asset!: string | null;

  @Field(() => String, { nullable: true })
  account!: string | null;

  @Field(() => Date, { nullable: true })
  frozenAt!: Date | null;

  @Field()
  frozenUntil!: Date;

  @Field({ description: 'HELD, RELEASED or LAPSED.' })
  status!: string;

  @Field({ description: 'HELD and within the first reminder before it lapses.' })
  expiringSoon!: boolean;
}
