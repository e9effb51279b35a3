import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One of the exchange's own systems allowed to screen: by API key, client certificate, or both. */
@Entity({ name: 'screening_system' })
export class ScreeningSystem {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** SHA-256 of the API key; the key itself is shown once, when issued. */
  @Column({ name: 'key_sha256', type: 'text', nullable: true })
  keySha256!: string | null;

  /** SHA-256 of the DER of the system's TLS client certificate. */
  @Column({ name: 'certificate_sha256', type: 'text', nullable: true })
  certificateSha256!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;
}
