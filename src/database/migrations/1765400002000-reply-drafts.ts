import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Replies go through the outbound policy like shares: the reply as written is kept apart from its
 * redacted preview, so a refresh under a new policy version recomputes from what the analyst wrote.
 */
export class ReplyDrafts1765400002000 implements MigrationInterface {
  name = 'ReplyDrafts1765400002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE share_request
        ADD COLUMN reply_draft jsonb,
        ADD CONSTRAINT share_request_draft_only_for_replies CHECK (kind = 'REPLY' OR reply_draft IS NULL)`);
    // Replies so far were previewed unredacted: their preview is what the analyst wrote.
    await db.query(`
      UPDATE share_request SET reply_draft = preview - 'kind'
       WHERE kind = 'REPLY' AND preview IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE share_request
        DROP CONSTRAINT share_request_draft_only_for_replies,
        DROP COLUMN reply_draft`);
  }
}
