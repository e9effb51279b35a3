import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A TAXII collection: one read-only feed per partner and the node's one writable inbox. The id is a
 * random UUIDv4 (TAXII 2.1 §2 identifier), kept here so it survives restarts.
 */
@Entity({ name: 'taxii_collection' })
export class TaxiiCollection {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  kind!: 'PARTNER_FEED' | 'INBOX';

  @Column({ name: 'partner_id', type: 'text', nullable: true })
  partnerId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
