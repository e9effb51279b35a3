import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TargetAnswer } from '../../freeze-wire/freeze-wire.js';

export type ComplianceAnswerStatus =
  'PENDING_APPROVAL' | 'DENIED_BY_POLICY' | 'APPROVED' | 'SENT' | 'DELIVERED' | 'FAILED' | 'REJECTED';

/** An answer a compliance officer wrote; it leaves only once a second officer approves it. */
@Entity({ name: 'compliance_answer' })
export class ComplianceAnswer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ type: 'jsonb' })
  answers!: TargetAnswer[];

  @Column({ name: 'drafted_by', type: 'text' })
  draftedBy!: string;

  @Column({ name: 'drafted_at', type: 'timestamptz' })
  draftedAt!: Date;

  @Column({ type: 'text' })
  status!: ComplianceAnswerStatus;

  @Column({ name: 'policy_version', type: 'int', nullable: true })
  policyVersion!: number | null;

  @Column({ name: 'policy_reasons', type: 'jsonb' })
  policyReasons!: string[];

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_comment', type: 'text', nullable: true })
  decisionComment!: string | null;

  @Column({ name: 'packet_id', type: 'uuid', nullable: true })
  packetId!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
