import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LegalBasis, OrderDocument } from '../../freeze-wire/freeze-wire.js';
import type { FreezeAction, UrgencyClass } from '../../kernel/vocabulary/index.js';
import type { RequestTarget } from '../freeze-request-input.js';

export type FreezeRequestStatus = 'PENDING_APPROVAL' | 'DENIED_BY_POLICY' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';

/** An analyst's request to exchanges about wallets of a case, and what the liaison officer decided. */
@Entity({ name: 'freeze_request' })
export class FreezeRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  reference!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  action!: FreezeAction;

  /** The legal basis with the order's metadata (name, type, sha256, size); the file stays a case attachment. */
  @Column({ name: 'legal_basis', type: 'jsonb' })
  legalBasis!: LegalBasis & { order: OrderDocument };

  @Column({ name: 'order_attachment_id', type: 'text' })
  orderAttachmentId!: string;

  @Column({ name: 'order_sha256', type: 'text' })
  orderSha256!: string;

  @Column({ type: 'jsonb' })
  targets!: RequestTarget[];

  @Column({ name: 'duration_days', type: 'int', nullable: true })
  durationDays!: number | null;

  @Column({ name: 'no_tipping_off', type: 'boolean' })
  noTippingOff!: boolean;

  @Column({ type: 'text' })
  urgency!: UrgencyClass;

  /** The reference of the request this one extends or lifts. */
  @Column({ type: 'text', nullable: true })
  follows!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'text' })
  status!: FreezeRequestStatus;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_comment', type: 'text', nullable: true })
  decisionComment!: string | null;
}
