import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SignedReceipt } from '../delivery-receipt.js';

export type DeliveryStatus = 'QUEUED' | 'DELIVERED' | 'REJECTED' | 'DEAD';

/** The delivery of one sealed packet to one partner: attempts, errors and the partner's signed receipt. */
@Entity({ name: 'delivery' })
export class Delivery {
  @PrimaryColumn({ name: 'packet_id', type: 'uuid' })
  packetId!: string;

  @Column({ name: 'partner_id', type: 'text' })
  partnerId!: string;

  @Column({ type: 'text' })
  status!: DeliveryStatus;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  /** After this, failed attempts stop and the delivery is dead-lettered. */
  @Column({ name: 'deadline_at', type: 'timestamptz' })
  deadlineAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  receipt!: SignedReceipt | null;

  /** Set while one attempt is under way: no other replica attempts the delivery before it passes. */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;

  /** The lease of the attempt under way; its settlement must still hold it. */
  @Column({ name: 'claim_token', type: 'uuid', nullable: true })
  claimToken!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
