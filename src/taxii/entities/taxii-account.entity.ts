import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A TAXII account, HTTP Basic with a node-generated secret. PARTNER: user name = the partner's node
 * id, reads that partner's collection. PUBLISHER: one of the agency's own tools (its MISP or
 * OpenCTI), writes into the node's inbox collection.
 */
export type TaxiiAccountKind = 'PARTNER' | 'PUBLISHER';

@Entity({ name: 'taxii_account' })
export class TaxiiAccount {
  @PrimaryColumn({ type: 'text' })
  username!: string;

  @Column({ type: 'text' })
  kind!: TaxiiAccountKind;

  /** argon2id (libsodium crypto_pwhash_str) of the secret. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}
