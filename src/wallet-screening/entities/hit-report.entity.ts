import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TransferDirection } from '../../kernel/vocabulary/index.js';

/** At an agency: an exchange's signed report that one of our listed wallets moved funds through it. */
@Entity({ name: 'hit_report' })
export class HitReport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'packet_id', type: 'uuid' })
  packetId!: string;

  @Column({ name: 'exchange_id', type: 'text' })
  exchangeId!: string;

  @Column({ name: 'hit_id', type: 'uuid' })
  hitId!: string;

  @Column({ name: 'entry_id', type: 'uuid' })
  entryId!: string;

  @Column({ name: 'offence_category', type: 'text' })
  offenceCategory!: string;

  @Column({ name: 'case_reference', type: 'text', nullable: true })
  caseReference!: string | null;

  @Column({ name: 'identifier_type', type: 'text' })
  identifierType!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ type: 'text' })
  direction!: TransferDirection;

  @Column({ name: 'transaction_hash', type: 'text', nullable: true })
  transactionHash!: string | null;

  @Column({ type: 'text', nullable: true })
  amount!: string | null;

  @Column({ type: 'text', nullable: true })
  asset!: string | null;

  @Column({ type: 'text', nullable: true })
  chain!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'retention_until', type: 'timestamptz' })
  retentionUntil!: Date;

  /** The local cases alerted: those naming the wallet, and the entry's case. */
  @Column({ name: 'case_ids', type: 'uuid', array: true })
  caseIds!: string[];
}
