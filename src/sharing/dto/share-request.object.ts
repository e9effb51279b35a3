import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../../common/graphql/json.scalar.js';
import type { Purpose } from '../../policy/sharing-policy.js';
import { SharePurposeEnum } from '../../policy/dto/partner-policy.types.js';
import { ShareStatus } from '../share-status.js';

@ObjectType('RemovedField', {
  description: 'A part of the case that does not leave as written, and the rule that removed or changed it.',
})
export class RemovedFieldObject {
  @Field({ description: 'Path in the case, e.g. subjects[0].documents.' })
  path!: string;

  @Field()
  rule!: string;
}

@ObjectType('ShareRequest', { description: 'A request to share one case with one partner.' })
export class ShareRequestObject {
  @Field(() => ID)
  id!: string;

  @Field({ description: "CASE: a local case shared; REPLY: an answer to a partner's packet." })
  kind!: string;

  @Field(() => ID, { nullable: true })
  caseId!: string | null;

  @Field(() => String, { nullable: true, description: 'For a reply: the id of the partner packet it answers.' })
  inReplyTo!: string | null;

  @Field()
  caseReference!: string;

  @Field()
  partnerId!: string;

  @Field(() => SharePurposeEnum)
  purpose!: Purpose;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field({ description: 'Who asked for what the preview holds: the requester, or whoever refreshed it since.' })
  requestedBy!: string;

  @Field(() => [String], {
    description: 'Officers who requested or refreshed it before the current requester; none of them may decide it.',
  })
  previousRequesters!: string[];

  @Field(() => ShareStatus)
  status!: ShareStatus;

  @Field(() => Int, { description: 'Case revision the preview was computed from.' })
  caseRevision!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Policy version that shaped the preview, e.g. kr-knpa/kh-cnp/v2.',
  })
  policyVersion!: string | null;

  @Field(() => [String], { description: 'Why the policy allowed or denied the share, for the officer.' })
  policyReasons!: string[];

  @Field(() => JsonScalar, { nullable: true, description: 'Exactly what would leave the node for this partner.' })
  preview!: unknown;

  @Field(() => [RemovedFieldObject])
  removed!: RemovedFieldObject[];

  @Field({ description: 'The case or the policy changed after the preview was computed: refresh it before approving.' })
  stale!: boolean;

  @Field(() => String, { nullable: true })
  decidedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'The approval comment or the rejection reason.' })
  decisionComment!: string | null;

  @Field(() => String, { nullable: true })
  packetId!: string | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field()
  requestedAt!: Date;

  @Field()
  previewComputedAt!: Date;

  @Field(() => Date, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  sentAt!: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;
}
