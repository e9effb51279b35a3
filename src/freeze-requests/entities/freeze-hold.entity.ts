import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type HoldStatus = 'HELD' | 'RELEASED' | 'LAPSED';

/** Funds an exchange holds on one wallet or account for us, with the clock of the freeze's end. */
@Entity({ name: 'freeze_hold' })
export class FreezeHold {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'exchange_id', type: 'text' })
  exchangeId!: string;

  @Column({ name: 'identifier_type', type: 'text' })
  identifierType!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** The request copy whose answer set the hold as it stands. */
  @Column({ name: 'copy_id', type: 'uuid' })
  copyId!: string;

  @Column({ name: 'target_id', type: 'text' })
  targetId!: string;

  @Column({ type: 'text', nullable: true })
  amount!: string | null;

  @Column({ type: 'text', nullable: true })
  asset!: string | null;

  @Column({ type: 'text', nullable: true })
  account!: string | null;

  @Column({ name: 'frozen_at', type: 'timestamptz', nullable: true })
  frozenAt!: Date | null;

  @Column({ name: 'frozen_until', type: 'timestamptz' })
  frozenUntil!: Date;

  @Column({ type: 'text' })
  status!: HoldStatus;

  /** How many of the configured reminders (largest first) have been raised for this frozenUntil. */
  @Column({ name: 'reminders_sent', type: 'int', default: 0 })
  remindersSent!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
