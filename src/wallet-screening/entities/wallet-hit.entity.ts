import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TransferDirection } from '../../kernel/vocabulary/index.js';

/** NOT_A_TRANSFER: a lookup; NOT_ALLOWED: our policy toward the origin says no; else the packet's delivery. */
export type HitReportState = 'NOT_A_TRANSFER' | 'NOT_ALLOWED' | 'QUEUED' | 'SENT' | 'DELIVERED' | 'FAILED';

/** A wallet one of the exchange's systems screened that is on the watchlist. */
@Entity({ name: 'wallet_hit' })
export class WalletHit {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'system_id', type: 'text' })
  systemId!: string;

  @Column({ name: 'identifier_type', type: 'text' })
  identifierType!: string;

  @Column({ type: 'text' })
  value!: string;

  @Column({ type: 'text', nullable: true })
  direction!: TransferDirection | null;

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

  @Column({ name: 'entry_origin', type: 'text' })
  entryOrigin!: string;

  @Column({ name: 'entry_id', type: 'uuid' })
  entryId!: string;

  @Column({ name: 'offence_category', type: 'text' })
  offenceCategory!: string;

  @Column({ name: 'case_reference', type: 'text', nullable: true })
  caseReference!: string | null;

  @Column({ type: 'text' })
  report!: HitReportState;

  @Column({ name: 'packet_id', type: 'uuid', nullable: true })
  packetId!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
