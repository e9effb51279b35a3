import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { InboundPolicyRules, SharingPolicyRules } from '../sharing-policy.js';

/** One version of the policy for one partner. Versions are never changed: sent packets refer to them. */
@Entity({ name: 'partner_policy' })
export class PartnerPolicyVersion {
  @PrimaryColumn({ name: 'partner_id', type: 'text' })
  partnerId!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  /** What we let the partner have; null: nothing is shared with it. */
  @Column({ type: 'jsonb', nullable: true })
  outbound!: SharingPolicyRules | null;

  /** What we accept from the partner; null: nothing is accepted. */
  @Column({ type: 'jsonb', nullable: true })
  inbound!: InboundPolicyRules | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
