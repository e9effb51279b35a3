import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The order a request came with, byte for byte as the agency signed its SHA-256. */
@Entity({ name: 'compliance_order_document' })
export class ComplianceOrderDocument {
  @PrimaryColumn({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;
}
