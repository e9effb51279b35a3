import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A packet a partner sent us, with its provenance. Never edited; purged when its retention ends. */
@Entity({ name: 'received_packet' })
export class ReceivedPacket {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'packet_id', type: 'uuid', unique: true })
  packetId!: string;

  @Column({ type: 'text' })
  type!: string;

  /** The node that signed it. */
  @Column({ name: 'origin_node', type: 'text' })
  originNode!: string;

  /** The peer that delivered it (differs from the origin when relayed). */
  @Column({ name: 'delivered_by', type: 'text' })
  deliveredBy!: string;

  @Column({ name: 'in_reply_to', type: 'uuid', nullable: true })
  inReplyTo!: string | null;

  /** For a reply to one of our packets: the local case it belongs to. */
  @Column({ name: 'local_case_id', type: 'uuid', nullable: true })
  localCaseId!: string | null;

  @Column({ name: 'policy_version', type: 'text' })
  policyVersion!: string;

  @Column({ name: 'inbound_policy_version', type: 'int' })
  inboundPolicyVersion!: number;

  @Column({ name: 'sender_certificate_fingerprint', type: 'text' })
  senderCertificateFingerprint!: string;

  @Column({ name: 'case_reference', type: 'text', nullable: true })
  caseReference!: string | null;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ type: 'text', nullable: true })
  tlp!: string | null;

  /** The decrypted payload as the origin sealed it. */
  @Column({ type: 'jsonb' })
  content!: Record<string, unknown>;

  /** The sealed packet as received, so that anyone can re-verify the origin's signature later. */
  @Column({ type: 'jsonb' })
  sealed!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'retention_until', type: 'timestamptz' })
  retentionUntil!: Date;
}
