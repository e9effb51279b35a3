import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four eyes, really: who made each revision of a case (the approver of a share must not have changed
 * the case since it was requested), the revision a share was first requested at, and everyone who
 * requested or refreshed its preview before the current requester.
 */
export class CaseEdits1765400001000 implements MigrationInterface {
  name = 'CaseEdits1765400001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE case_edit (
        case_id uuid NOT NULL REFERENCES intel_case(id) ON DELETE CASCADE,
        revision integer NOT NULL CHECK (revision > 0),
        edited_by text NOT NULL CHECK (edited_by <> ''),
        change text NOT NULL CHECK (change IN ('CREATED','CONTENT','IDENTIFIERS_IMPORTED','ATTACHMENT_ADDED')),
        edited_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, revision),
        CHECK ((revision = 1) = (change = 'CREATED'))
      )`);
    // Earlier revisions are not known; the current one is (its author is updated_by).
    await db.query(`
      INSERT INTO case_edit (case_id, revision, edited_by, change, edited_at)
      SELECT id, revision, updated_by, CASE WHEN revision = 1 THEN 'CREATED' ELSE 'CONTENT' END, updated_at FROM intel_case`);
    await db.query(`
      ALTER TABLE share_request
        ADD COLUMN requested_case_revision integer,
        ADD COLUMN previous_requesters text[] NOT NULL DEFAULT '{}',
        ADD CONSTRAINT share_request_requested_revision CHECK (
          kind = 'REPLY' OR requested_case_revision IS NULL OR requested_case_revision <= case_revision),
        ADD CONSTRAINT share_request_decider_never_requested CHECK (
          decided_by IS NULL OR NOT (decided_by = ANY (previous_requesters)))`);
    await db.query(`UPDATE share_request SET requested_case_revision = case_revision WHERE kind = 'CASE'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE share_request
        DROP CONSTRAINT share_request_decider_never_requested,
        DROP CONSTRAINT share_request_requested_revision,
        DROP COLUMN previous_requesters,
        DROP COLUMN requested_case_revision`);
    await db.query('DROP TABLE case_edit');
  }
}
