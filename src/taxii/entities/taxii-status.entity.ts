import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One Add Objects request (TAXII 2.1 §4.3.1): its items say what became of each object. */
@Entity({ name: 'taxii_status' })
export class TaxiiStatus {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The account that posted; only it may read the status. */
  @Column({ type: 'text' })
  username!: string;

  @Column({ name: 'collection_id', type: 'uuid' })
  collectionId!: string;

  /** TAXII timestamp (microseconds) as text, exactly as served. */
  @Column({ name: 'request_timestamp', type: 'text' })
  requestTimestamp!: string;

  @Column({ name: 'total_count', type: 'int' })
  totalCount!: number;
}
