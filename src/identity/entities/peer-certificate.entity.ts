import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A partner certificate seen on a verified packet; rotation marks the older one superseded. */
@Entity({ name: 'peer_certificate' })
export class PeerCertificate {
  @PrimaryColumn({ type: 'text' })
  fingerprint!: string;

  @Column({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ name: 'not_before', type: 'timestamptz' })
  notBefore!: Date;

  @Column({ name: 'not_after', type: 'timestamptz' })
  notAfter!: Date;

  @Column({ name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' })
  firstSeenAt!: Date;

  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;
}
