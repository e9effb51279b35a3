import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { IdentifierType, OffenceCategory } from '../../kernel/vocabulary/index.js';
import { IdentifierTypeEnum, OffenceCategoryEnum } from '../../common/graphql/vocabulary.enums.js';
import type { WatchlistEntryRow } from '../entities/watchlist-entry.entity.js';
import { SEVERITIES, type Severity } from '../watchlist-entry.js';

export const SeverityEnum = Object.fromEntries(SEVERITIES.map((s) => [s, s])) as Record<Severity, Severity>;
registerEnumType(SeverityEnum, { name: 'WatchlistSeverity' });

@ObjectType('WatchlistEntry', {
  description: "The latest version we hold of a watchlist entry, ours or a partner's (signature verified on receipt).",
})
export class WatchlistEntryObject {
  @Field(() => ID, { description: 'Chosen by the origin; with the origin it names the entry.' })
  entryId!: string;

  @Field({ description: 'The node that created the entry; only it may change or revoke it.' })
  origin!: string;

  @Field(() => Int, { description: 'Counts up at the origin with every change.' })
  version!: number;

  @Field(() => IdentifierTypeEnum)
  identifierType!: IdentifierType;

  @Field({ description: 'Normalised identifier value.' })
  value!: string;

  @Field({ description: 'Why it is listed; for a revoked entry, why it was revoked.' })
  reason!: string;

  @Field(() => OffenceCategoryEnum)
  offenceCategory!: OffenceCategory;

  @Field(() => SeverityEnum)
  severity!: Severity;

  @Field(() => String, { nullable: true })
  caseReference!: string | null;

  @Field()
  validUntil!: Date;

  @Field({ description: 'A revoked entry is a tombstone: final.' })
  revoked!: boolean;

  @Field({ description: 'Past validUntil: treated as absent everywhere.' })
  expired!: boolean;

  @Field({ description: 'When the origin made this version.' })
  updatedAt!: Date;

  @Field(() => String, {
    nullable: true,
    description: 'The peer that delivered it (the origin, or a relay); null for our own entries.',
  })
  receivedFrom!: string | null;

  @Field(() => String, { nullable: true, description: 'For our own entries: the officer behind this version.' })
  changedBy!: string | null;

  @Field({ description: "Position in this node's change order (the paging cursor)." })
  changeSeq!: string;

  static of(row: WatchlistEntryRow, now: Date): WatchlistEntryObject {
    return Object.assign(new WatchlistEntryObject(), {
      entryId: row.entryId,
      origin: row.origin,
      version: row.version,
      identifierType: row.identifierType,
      value: row.value,
      reason: row.reason,
      offenceCategory: row.offenceCategory,
      severity: row.severity,
      caseReference: row.caseReference,
      validUntil: row.validUntil,
      revoked: row.revoked,
      expired: row.validUntil.getTime() < now.getTime(),
      updatedAt: row.updatedAt,
      receivedFrom: row.receivedFrom,
      changedBy: row.changedBy,
      changeSeq: row.changeSeq,
    });
  }
}

@InputType('WatchlistEntryInput')
export class WatchlistEntryInput {
  @Field(() => IdentifierTypeEnum, { description: 'Fixed for the life of the entry.' })
  identifierType!: IdentifierType;

  @Field({ description: 'Any spelling; stored normalised. Fixed for the life of the entry.' })
  value!: string;

  @Field()
  reason!: string;

  @Field(() => OffenceCategoryEnum, {
    description: 'Decides which partners receive the entry; fixed for the life of the entry.',
  })
  offenceCategory!: OffenceCategory;

  @Field(() => SeverityEnum)
  severity!: Severity;

  @Field(() => String, { nullable: true })
  caseReference?: string | null;

  @Field({ description: 'In the future; an update may only move it later (revoke to end an entry now).' })
  validUntil!: Date;
}

@InputType('WatchlistFilter')
export class WatchlistFilterInput {
  @Field(() => IdentifierTypeEnum, { nullable: true })
  identifierType?: IdentifierType | null;

  @Field(() => String, { nullable: true, description: 'Normalised before matching when identifierType is given.' })
  value?: string | null;

  @Field(() => String, { nullable: true })
  origin?: string | null;

  @Field(() => OffenceCategoryEnum, { nullable: true })
  offenceCategory?: OffenceCategory | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  includeRevoked?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  includeExpired?: boolean | null;
}

@ObjectType('WatchlistPage')
export class WatchlistPageObject {
  @Field(() => [WatchlistEntryObject])
  entries!: WatchlistEntryObject[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' })
  endCursor!: string | null;

  @Field()
  hasMore!: boolean;
}
