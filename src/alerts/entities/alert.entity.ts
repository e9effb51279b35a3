import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AlertKind, AlertSource, AlertStatus } from '../alert-kind.js';

/** A correlation between partner data and local cases (or other partners' data), raised once per key. */
@Entity({ name: 'alert' })
export class Alert {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: AlertKind;

  @Column({ name: 'identifier_type', type: 'text' })
  identifierType!: string;

  @Column({ type: 'text' })
  value!: string;

  /** Part of the once-only key: the local case id, or the two origins sorted. */
  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ name: 'case_reference', type: 'text', nullable: true })
  caseReference!: string | null;

  @Column({ type: 'jsonb' })
  sources!: AlertSource[];

  /** What happened, in words, for the kinds about exchanges (deadline, expiry, transfer). */
  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @Column({ type: 'text' })
  status!: AlertStatus;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;

  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;
}
