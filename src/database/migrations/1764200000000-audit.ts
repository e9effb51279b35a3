import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Audit1764200000000 implements MigrationInterface {
  name = 'Audit1764200000000';

  async up(db: QueryRunner): Promise<void> {
    // The audit trail: one hash-linked chain, appended under an advisory lock (see AuditService).
    await db.query(`
      CREATE TABLE audit_entry (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        occurred_at timestamptz NOT NULL,
        type text NOT NULL,
        actor text,
        subject_type text,
        subject_id text,
        details jsonb NOT NULL,
        prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
        hash text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
      )`);
    await db.query('CREATE INDEX audit_entry_type_idx ON audit_entry (type, seq)');
    await db.query('CREATE INDEX audit_entry_actor_idx ON audit_entry (actor, seq)');
    await db.query('CREATE INDEX audit_entry_subject_idx ON audit_entry (subject_type, subject_id, seq)');
    await db.query('CREATE INDEX audit_entry_time_idx ON audit_entry (occurred_at)');
    // The node only ever appends. This stops mistakes and the application's own role; someone with
    // the power to disable triggers is caught by the hash chain and the signed checkpoints instead.
    await db.query(`
      CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$`);
    await db.query(`
      CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_entry
      FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()`);
    await db.query(`
      CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE audit_entry');
    await db.query('DROP FUNCTION audit_entry_append_only()');
  }
}
