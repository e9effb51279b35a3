import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An origin certificate that signed watchlist entries we hold; entries refer to it by fingerprint. */
@Entity({ name: 'watchlist_certificate' })
export class WatchlistCertificate {
  /** SHA-256 of the DER certificate, lower-case hex. */
  @PrimaryColumn({ type: 'text' })
  fingerprint!: string;

  @Column({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ type: 'text' })
  pem!: string;

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt!: Date;
}
