import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AlertKind, AlertStatus } from '../alert-kind.js';
import type { Alert } from '../entities/alert.entity.js';

@ObjectType('AlertSource', {
  description: 'Partner data behind an alert: its origin node and packet or watchlist entry id.',
})
export class AlertSourceObject {
  @Field()
  origin!: string;

  @Field({ description: 'PACKET, WATCHLIST_ENTRY, FREEZE_REQUEST, FREEZE_HOLD, WALLET_HIT or HIT_REPORT' })
  kind!: string;

  @Field({ description: 'The id of that packet, entry, request copy, hold, hit or report.' })
  ref!: string;
}

@ObjectType('Alert', {
  description:
    'Partner data matched a local case, two partners hold the same identifier, or something about an exchange needs attention (a deadline, an expiring freeze, a wallet hit).',
})
export class AlertObject {
  @Field(() => ID)
  id!: string;

  @Field(() => AlertKind)
  kind!: AlertKind;

  @Field()
  identifierType!: string;

  @Field()
  value!: string;

  @Field(() => ID, { nullable: true })
  caseId!: string | null;

  @Field(() => String, { nullable: true })
  caseReference!: string | null;

  @Field(() => [AlertSourceObject])
  sources!: AlertSourceObject[];

  @Field(() => String, { nullable: true, description: 'What happened, for the alerts about exchanges.' })
  detail!: string | null;

  @Field(() => AlertStatus)
  status!: AlertStatus;

  @Field()
  raisedAt!: Date;

  @Field(() => String, { nullable: true })
  acknowledgedBy!: string | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  static of(row: Alert): AlertObject {
    return Object.assign(new AlertObject(), {
      id: row.id,
      kind: row.kind,
      identifierType: row.identifierType,
      value: row.value,
      caseId: row.caseId,
      caseReference: row.caseReference,
      sources: row.sources.map((source) => Object.assign(new AlertSourceObject(), source)),
      detail: row.detail,
      status: row.status,
      raisedAt: row.raisedAt,
      acknowledgedBy: row.acknowledgedBy,
      acknowledgedAt: row.acknowledgedAt,
    });
  }
}
