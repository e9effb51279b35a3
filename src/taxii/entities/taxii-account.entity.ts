import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A partner's TAXII account: HTTP Basic with the partner's node id and a node-generated secret. */
@Entity({ name: 'taxii_account' })
export class TaxiiAccount {
  @PrimaryColumn({ name: 'partner_id', type: 'text' })
  partnerId!: string;

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
