import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { WatchlistEntryChange } from '../../watchlist/watchlist-input.js';

export type InboxItemState = 'SUCCESS' | 'FAILURE' | 'PENDING';

/**
 * One object of an Add Objects request and what became of it: refused (FAILURE, with the reason),
 * accepted (SUCCESS, with the watchlist entry it became, if any) or waiting for a liaison officer
 * (PENDING, with the entry it would become).
 */
@Entity({ name: 'taxii_inbox_item' })
export class TaxiiInboxItem {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'status_id', type: 'uuid' })
  statusId!: string;

  /** Index of the object in the posted envelope. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ name: 'object_id', type: 'text' })
  objectId!: string;

  @Column({ name: 'object_version', type: 'text' })
  objectVersion!: string;

  @Column({ type: 'text' })
  state!: InboxItemState;

  @Column({ type: 'text', nullable: true })
  message!: string | null;

  /** The watchlist entry the object becomes (pending) or became. */
  @Column({ type: 'jsonb', nullable: true })
  entry!: WatchlistEntryChange | null;

  @Column({ name: 'entry_id', type: 'uuid', nullable: true })
  entryId!: string | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}
