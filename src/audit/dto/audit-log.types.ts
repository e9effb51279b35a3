import { Field, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { JsonScalar } from '../../common/graphql/json.scalar.js';
import { AuditEventType } from '../audit-event-type.js';
import type { AuditEntry } from '../entities/audit-entry.entity.js';

registerEnumType(AuditEventType, {
  name: 'AuditEventType',
  description: 'What kind of security-relevant event an audit entry records.',
});

@ObjectType('AuditEntry', {
  description: 'One entry of the tamper-evident audit trail; each carries the hash of the one before.',
})
export class AuditEntryObject {
  @Field({ description: 'Position in the chain (1, 2, 3 …); also the paging cursor.' })
  seq!: string;

  @Field()
  occurredAt!: Date;

  @Field(() => AuditEventType)
  type!: AuditEventType;

  @Field(() => String, {
    nullable: true,
    description: 'The officer, partner node or component behind the event; null for the node itself.',
  })
  actor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Kind of record the event is about, e.g. SHARE_REQUEST, PACKET, OFFICER_ACCOUNT.',
  })
  subjectType!: string | null;

  @Field(() => String, { nullable: true })
  subjectId!: string | null;

  @Field(() => JsonScalar, { description: 'Ids, references, reason codes and counts; never content or secrets.' })
  details!: Record<string, unknown>;

  @Field({ description: 'SHA-256 of the previous entry (64 zeros for the first).' })
  prevHash!: string;

  @Field({ description: 'SHA-256 of this entry in canonical JSON (RFC 8785), including prevHash.' })
  hash!: string;

  static of(row: AuditEntry): AuditEntryObject {
    return Object.assign(new AuditEntryObject(), {
      seq: row.seq,
      occurredAt: row.occurredAt,
      type: row.type as AuditEventType,
      actor: row.actor,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      details: row.details,
      prevHash: row.prevHash,
      hash: row.hash,
    });
  }
}

@InputType('AuditLogFilter')
export class AuditLogFilterInput {
  @Field(() => [AuditEventType], { nullable: true, description: 'Any of these types.' })
  types?: AuditEventType[] | null;

  @Field(() => String, { nullable: true })
  actor?: string | null;

  @Field(() => String, { nullable: true })
  subjectType?: string | null;

  @Field(() => String, { nullable: true })
  subjectId?: string | null;

  @Field(() => Date, { nullable: true, description: 'At or after this time.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this time.' })
  to?: Date | null;
}

@ObjectType('AuditLogPage')
export class AuditLogPageObject {
  @Field(() => [AuditEntryObject], { description: 'Newest first.' })
  entries!: AuditEntryObject[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page.' })
  endCursor!: string | null;

  @Field()
  hasMore!: boolean;
}

@ObjectType('AuditVerification', {
  description: 'The result of walking the whole audit chain, as `npm run audit:verify` reports it.',
})
export class AuditVerificationObject {
  @Field({
    description:
      'Every hash link and every checkpoint signature verifies, and the checkpoint copies outside the database agree.',
  })
  valid!: boolean;

  @Field({ description: 'Entries verified (up to the first broken one).' })
  entries!: number;

  @Field({ description: 'Signed checkpoints verified.' })
  checkpoints!: number;

  @Field(() => String, { nullable: true, description: 'The newest entry verified.' })
  headSeq!: string | null;

  @Field(() => String, { nullable: true })
  lastCheckpointSeq!: string | null;

  @Field({ description: 'Entries after the last checkpoint, not yet vouched for by a signature.' })
  uncheckpointed!: number;

  @Field(() => String, { nullable: true, description: 'The newest checkpoint copied outside the database, if any.' })
  anchoredSeq!: string | null;

  @Field(() => String, { nullable: true, description: 'The first broken entry, when not valid.' })
  firstBreakSeq!: string | null;

  @Field(() => String, { nullable: true, description: 'What is wrong there.' })
  problem!: string | null;
}
