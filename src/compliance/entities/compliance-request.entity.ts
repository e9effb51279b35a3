import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FreezeRequestBody } from '../../freeze-wire/freeze-wire.js';
import type { FreezeAction, UrgencyClass } from '../../kernel/vocabulary/index.js';

/** The request body as stored: everything but the order's content, which has its own table. */
export type StoredRequestBody = Omit<FreezeRequestBody, 'legalBasis'> & {
  legalBasis: Omit<FreezeRequestBody['legalBasis'], 'order'> & {
    order: Omit<FreezeRequestBody['legalBasis']['order'], 'content'>;
  };
};

export type ComplianceRequestStatus = 'OPEN' | 'ANSWERED';

/** A request an agency sent this exchange: the compliance desk's queue, ordered by deadline. */
@Entity({ name: 'compliance_request' })
export class ComplianceRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'packet_id', type: 'uuid' })
  packetId!: string;

  @Column({ name: 'agency_id', type: 'text' })
  agencyId!: string;

  /** The agency's id of the request. */
  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ type: 'text' })
  reference!: string;

  @Column({ name: 'case_reference', type: 'text' })
  caseReference!: string;

  @Column({ type: 'text' })
  action!: FreezeAction;

  @Column({ type: 'text' })
  urgency!: UrgencyClass;

  @Column({ name: 'deadline_at', type: 'timestamptz' })
  deadlineAt!: Date;

  @Column({ name: 'no_tipping_off', type: 'boolean' })
  noTippingOff!: boolean;

  @Column({ type: 'jsonb' })
  body!: StoredRequestBody;

  @Column({ name: 'order_sha256', type: 'text' })
  orderSha256!: string;

  @Column({ type: 'text' })
  status!: ComplianceRequestStatus;

  @Column({ name: 'inbound_policy_version', type: 'int' })
  inboundPolicyVersion!: number;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'retention_until', type: 'timestamptz' })
  retentionUntil!: Date;
}
