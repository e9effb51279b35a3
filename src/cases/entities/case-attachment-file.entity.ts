import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An evidence file, encrypted at rest under the node's storage key; the case content lists its metadata. */
@Entity({ name: 'case_attachment_file' })
export class CaseAttachmentFile {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'media_type', type: 'text' })
  mediaType!: string;

  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'bigint' })
  bytes!: string;

  /** Path of the encrypted file, relative to the node's attachment folder. */
  @Column({ name: 'storage_path', type: 'text' })
  storagePath!: string;

  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy!: string;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}
