import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a revision of a case changed. */
export type CaseChange = 'CREATED' | 'CONTENT' | 'IDENTIFIERS_IMPORTED' | 'ATTACHMENT_ADDED';

/**
 * Who made each revision of a case: four-eyes needs to know whether the officer approving a share
 * wrote any of what leaves (see ShareRequestService.approve).
 */
@Entity({ name: 'case_edit' })
export class CaseEdit {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @PrimaryColumn({ type: 'int' })
  revision!: number;

  @Column({ name: 'edited_by', type: 'text' })
  editedBy!: string;

  @Column({ type: 'text' })
  change!: CaseChange;

  @Column({ name: 'edited_at', type: 'timestamptz', default: () => 'now()' })
  editedAt!: Date;
}
