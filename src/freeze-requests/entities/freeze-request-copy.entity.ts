import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type CopyStatus =
  'PENDING_APPROVAL' | 'DENIED_BY_POLICY' | 'APPROVED' | 'SENT' | 'DELIVERED' | 'FAILED' | 'REJECTED' | 'WITHDRAWN';

/** NONE: nothing yet; ACKNOWLEDGED: only acknowledgements; ANSWERED: every target has a substantive answer. */
export type AnswerState = 'NONE' | 'ACKNOWLEDGED' | 'ANSWERED';

/** One exchange's copy of a request: its own policy decision, packet, deadline and answers. */
@Entity({ name: 'freeze_request_copy' })
export class FreezeRequestCopy {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ name: 'exchange_id', type: 'text' })
  exchangeId!: string;

  @Column({ type: 'text' })
  status!: CopyStatus;

  @Column({ name: 'policy_version', type: 'int', nullable: true })
  policyVersion!: number | null;

  @Column({ name: 'policy_reasons', type: 'jsonb' })
  policyReasons!: string[];

  @Column({ name: 'packet_id', type: 'uuid', nullable: true })
  packetId!: string | null;

  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt!: Date | null;

  @Column({ name: 'answer_state', type: 'text', default: 'NONE' })
  answerState!: AnswerState;

  @Column({ name: 'last_answer_at', type: 'timestamptz', nullable: true })
  lastAnswerAt!: Date | null;

  @Column({ name: 'overdue_alerted_at', type: 'timestamptz', nullable: true })
  overdueAlertedAt!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
