import { Field, ID, ObjectType } from '@nestjs/graphql';
import { TransferDirectionEnum } from '../../freeze-wire/dto/freeze-wire.types.js';
import type { TransferDirection } from '../../kernel/vocabulary/index.js';

@ObjectType('ScreeningSystem', { description: "One of the exchange's systems allowed to call the screening endpoint." })
export class ScreeningSystemObject {
  @Field()
  id!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field({ description: 'An API key is set (only its SHA-256 is stored).' })
  hasApiKey!: boolean;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the pinned client certificate (DER), hex.' })
  certificateSha256!: string | null;

  @Field()
  createdBy!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  disabledAt!: Date | null;
}

@ObjectType('IssuedScreeningKey', { description: 'The API key, shown this once.' })
export class IssuedScreeningKeyObject {
  @Field(() => ScreeningSystemObject)
  system!: ScreeningSystemObject;

  @Field({ description: 'Send as Authorization: Bearer <apiKey> to the screening endpoint.' })
  apiKey!: string;
}

@ObjectType('WalletHit', { description: 'At an exchange: a screened wallet that is on the watchlist.' })
export class WalletHitObject {
  @Field(() => ID)
  id!: string;

  @Field()
  systemId!: string;

  @Field()
  identifierType!: string;

  @Field()
  value!: string;

  @Field(() => TransferDirectionEnum, { nullable: true, description: 'Null for a lookup without a transfer.' })
  direction!: TransferDirection | null;

  @Field(() => String, { nullable: true })
  transactionHash!: string | null;

  @Field(() => String, { nullable: true })
  amount!: string | null;

  @Field(() => String, { nullable: true })
  asset!: string | null;

  @Field()
  occurredAt!: Date;

  @Field({ description: 'The agency that listed the wallet.' })
  entryOrigin!: string;

  @Field()
  entryId!: string;

  @Field()
  offenceCategory!: string;

  @Field({ description: 'NOT_A_TRANSFER, NOT_ALLOWED (policy), QUEUED, SENT, DELIVERED or FAILED.' })
  report!: string;

  @Field(() => String, { nullable: true })
  packetId!: string | null;

  @Field()
  recordedAt!: Date;
}

@ObjectType('HitReport', { description: 'At an agency: an exchange saw one of our listed wallets move funds.' })
export class HitReportObject {
  @Field(() => ID)
  id!: string;

  @Field()
  exchangeId!: string;

  @Field()
  hitId!: string;

  @Field()
  entryId!: string;

  @Field()
  offenceCategory!: string;

  @Field(() => String, { nullable: true })
  caseReference!: string | null;

  @Field()
  identifierType!: string;

  @Field()
  value!: string;

  @Field(() => TransferDirectionEnum)
  direction!: TransferDirection;

  @Field(() => String, { nullable: true })
  transactionHash!: string | null;

  @Field(() => String, { nullable: true })
  amount!: string | null;

  @Field(() => String, { nullable: true })
  asset!: string | null;

  @Field(() => String, { nullable: true })
  chain!: string | null;

  @Field()
  occurredAt!: Date;

  @Field()
  receivedAt!: Date;

  @Field(() => [ID], { description: 'The local cases alerted.' })
  caseIds!: string[];
}
