import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CaseContent } from '../case-content.js';

/** A case of this agency. The content is the validated document; a few fields are columns for lookups. */
@Entity({ name: 'intel_case' })
export class IntelCase {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  reference!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  tlp!: string;

  @Column({ type: 'jsonb' })
  content!: CaseContent;

  /** Increases on every change; a share preview records the revision it was computed from. */
  @Column({ type: 'int' })
  revision!: number;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
