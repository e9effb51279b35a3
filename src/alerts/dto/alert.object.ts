import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AlertKind, AlertStatus } from '../alert-kind.js';
import type { Alert } from '../entities/alert.entity.js';

@ObjectType('AlertSource', { description: 'Partner data behind an alert: its origin node and packet or watchlist entry id.' })
export class AlertSourceObject {
  @Field()
  origin!: string;

  @Field({ description: 'PACKET or WATCHLIST_ENTRY' })
  kind!: string;

  @Field({ description: 'The packet id or the watchlist entry id.' })
  ref!: string;
}

@ObjectType('Alert', { description: 'Partner data matched a local case, or two partners hold the same identifier.' })
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
      status: row.status,
      raisedAt: row.raisedAt,
      acknowledgedBy: row.acknowledgedBy,
      acknowledgedAt: row.acknowledgedAt,
    });
  }
}
