import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'revoked_certificate' })
export class RevokedCertificate {
  /** SHA-256 of the certificate's DER, lower-case hex without separators. */
  @PrimaryColumn({ type: 'text' })
  fingerprint!: string;

  @Column({ name: 'node_id', type: 'text', nullable: true })
  nodeId!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'revoked_by', type: 'text' })
  revokedBy!: string;

  @Column({ name: 'revoked_at', type: 'timestamptz', default: () => 'now()' })
  revokedAt!: Date;
}
