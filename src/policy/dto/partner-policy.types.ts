import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DATA_CATEGORIES, type DataCategory, type OffenceCategory, type Tlp } from '../../kernel/vocabulary/index.js';
import { enumOf, OffenceCategoryEnum, TlpEnum } from '../../common/graphql/vocabulary.enums.js';
import {
  APPROVAL_MODES,
  FIELD_TRANSFORMS,
  PURPOSES,
  type ApprovalMode,
  type FieldTransform,
  type Purpose,
} from '../sharing-policy.js';

export const SharePurposeEnum = enumOf(PURPOSES);
export const DataCategoryEnum = enumOf(DATA_CATEGORIES);
export const FieldTransformEnum = enumOf(FIELD_TRANSFORMS);
export const ApprovalModeEnum = enumOf(APPROVAL_MODES);
registerEnumType(SharePurposeEnum, { name: 'SharePurpose' });
registerEnumType(DataCategoryEnum, { name: 'DataCategory' });
registerEnumType(FieldTransformEnum, { name: 'FieldTransform' });
registerEnumType(ApprovalModeEnum, { name: 'ApprovalMode' });

// As with cases, each class is both the GraphQL input and the output shape of the same data.

@ObjectType('FieldTransformRule')
@InputType('FieldTransformRuleInput')
export class FieldTransformRuleType {
  @Field({ description: 'Field path such as subjects[].dateOfBirth or subjects[].documents[].number.' })
  path!: string;

  @Field(() => FieldTransformEnum)
  transform!: FieldTransform;
}

@ObjectType('OnwardSharing')
@InputType('OnwardSharingInput')
export class OnwardSharingType {
  @Field({ description: 'May the partner relay what we send?' })
  allowed!: boolean;

  @Field(() => [String], { description: 'Node ids the partner may relay to.' })
  to!: string[];
}

@ObjectType('RequestDeadlines', { description: 'Answer deadline per urgency class, as ISO 8601 durations.' })
@InputType('RequestDeadlinesInput')
export class RequestDeadlinesType {
  @Field({ description: 'Default PT8H.' })
  URGENT!: string;

  @Field({ description: 'Default P3D.' })
  STANDARD!: string;

  @Field({ description: 'Default P7D.' })
  ROUTINE!: string;
}

@ObjectType('HitReportRules', {
  description: "At an exchange: which hits on the partner's entries are reported to it.",
})
@InputType('HitReportRulesInput')
export class HitReportRulesType {
  @Field()
  allowed!: boolean;

  @Field(() => [OffenceCategoryEnum], { description: 'Categories of the entries whose hits are reported.' })
  offenceCategories!: OffenceCategory[];
}

@ObjectType('OutboundPolicy', { description: 'What this node lets one partner have.' })
@InputType('OutboundPolicyInput')
export class OutboundPolicyType {
  @Field(() => [OffenceCategoryEnum])
  offenceCategories!: OffenceCategory[];

  @Field(() => [SharePurposeEnum])
  purposes!: Purpose[];

  @Field(() => TlpEnum)
  tlpCeiling!: Tlp;

  @Field(() => [DataCategoryEnum])
  dataCategories!: DataCategory[];

  @Field(() => [FieldTransformRuleType])
  transforms!: FieldTransformRuleType[];

  @Field(() => OnwardSharingType)
  onwardSharing!: OnwardSharingType;

  @Field(() => Int, { description: 'How long the partner may keep what we send.' })
  retentionDays!: number;

  @Field(() => ApprovalModeEnum)
  approvalMode!: ApprovalMode;

  @Field(() => [OffenceCategoryEnum], {
    description: 'Offence categories of the watchlist entries the partner receives.',
  })
  watchlistCategories!: OffenceCategory[];

  @Field(() => RequestDeadlinesType, {
    nullable: true,
    description: 'Answer deadlines of requests sent to this partner (an exchange); left out: PT8H, P3D, P7D.',
  })
  requestDeadlines?: RequestDeadlinesType | null;

  @Field(() => HitReportRulesType, {
    nullable: true,
    description: 'At an exchange: hit reports to this partner; left out: none are sent.',
  })
  hitReports?: HitReportRulesType | null;
}

@ObjectType('InboundPolicy', { description: 'What this node accepts from one partner.' })
@InputType('InboundPolicyInput')
export class InboundPolicyType {
  @Field(() => [OffenceCategoryEnum])
  offenceCategories!: OffenceCategory[];

  @Field(() => TlpEnum)
  tlpCeiling!: Tlp;

  @Field(() => Int, { description: 'The longest this node keeps what the partner sends.' })
  maxRetentionDays!: number;

  @Field({ description: 'Accept packets the partner relays on behalf of another origin node?' })
  acceptRelayed!: boolean;
}

@InputType('PartnerPolicyInput')
export class PartnerPolicyInput {
  @Field(() => OutboundPolicyType, { nullable: true, description: 'Leave out to share nothing with this partner.' })
  outbound?: OutboundPolicyType | null;

  @Field(() => InboundPolicyType, { nullable: true, description: 'Leave out to accept nothing from this partner.' })
  inbound?: InboundPolicyType | null;
}

@ObjectType('PartnerPolicy', { description: 'One version of the sharing policy for one partner.' })
export class PartnerPolicyObject {
  @Field()
  partnerId!: string;

  @Field(() => Int)
  version!: number;

  @Field({ description: 'The version string packets carry, e.g. kr-knpa/kh-cnp/v3.' })
  policyVersion!: string;

  @Field(() => OutboundPolicyType, { nullable: true })
  outbound!: OutboundPolicyType | null;

  @Field(() => InboundPolicyType, { nullable: true })
  inbound!: InboundPolicyType | null;

  @Field()
  createdBy!: string;

  @Field()
  createdAt!: Date;
}
