import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  FreezeActionEnum,
  FreezeTargetObject,
  LegalBasisObject,
  TargetAnswerType,
  UrgencyClassEnum,
} from '../../freeze-wire/dto/freeze-wire.types.js';
import type { FreezeAction, UrgencyClass } from '../../kernel/vocabulary/index.js';

@ObjectType('ComplianceAnswer', { description: 'An answer a compliance officer wrote; a second one approves it.' })
export class ComplianceAnswerObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  requestId!: string;

  @Field(() => [TargetAnswerType])
  answers!: TargetAnswerType[];

  @Field()
  draftedBy!: string;

  @Field()
  draftedAt!: Date;

  @Field({ description: 'PENDING_APPROVAL, DENIED_BY_POLICY, APPROVED, SENT, DELIVERED, FAILED or REJECTED.' })
  status!: string;

  @Field(() => String, { nullable: true })
  policyVersion!: string | null;

  @Field(() => [String])
  policyReasons!: string[];

  @Field(() => String, { nullable: true })
  decidedBy!: string | null;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  decisionComment!: string | null;

  @Field(() => String, { nullable: true })
  packetId!: string | null;

  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;
}

@ObjectType('ComplianceRequest', {
  description: "A request an agency sent this exchange, in the compliance desk's queue.",
})
export class ComplianceRequestObject {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The agency that sent it (and signed it).' })
  agencyId!: string;

  @Field()
  reference!: string;

  @Field()
  caseReference!: string;

  @Field(() => FreezeActionEnum)
  action!: FreezeAction;

  @Field(() => UrgencyClassEnum)
  urgency!: UrgencyClass;

  @Field()
  deadlineAt!: Date;

  @Field({ description: 'The deadline passed while the request is still open.' })
  overdue!: boolean;

  @Field()
  noTippingOff!: boolean;

  @Field(() => LegalBasisObject, {
    description: 'The order itself: GET /compliance/requests/<id>/order with a compliance officer token.',
  })
  legalBasis!: LegalBasisObject;

  @Field(() => [FreezeTargetObject])
  targets!: FreezeTargetObject[];

  @Field(() => Int, { nullable: true })
  durationDays!: number | null;

  @Field(() => String, { nullable: true })
  follows!: string | null;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field({ description: 'OPEN, or ANSWERED once every target has an approved substantive answer.' })
  status!: string;

  @Field()
  packetId!: string;

  @Field()
  receivedAt!: Date;

  @Field(() => [ComplianceAnswerObject])
  answers!: ComplianceAnswerObject[];
}
