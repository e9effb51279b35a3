import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Cases1764070000000 implements MigrationInterface {
  name = 'Cases1764070000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE intel_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        title text NOT NULL,
        tlp text NOT NULL CHECK (tlp IN ('CLEAR','GREEN','AMBER','AMBER_STRICT','RED')),
        content jsonb NOT NULL,
        revision int NOT NULL CHECK (revision > 0),
        created_by text NOT NULL,
        updated_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Identifiers of local cases, kept in step with the content, for screening and correlation.
    await db.query(`
      CREATE TABLE case_identifier (
        case_id uuid NOT NULL REFERENCES intel_case(id) ON DELETE CASCADE,
        identifier_id text NOT NULL,
        type text NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (case_id, identifier_id)
      )`);
    await db.query('CREATE INDEX case_identifier_value_idx ON case_identifier (type, value)');
    await db.query(`
      CREATE TABLE case_attachment_file (
        id text PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES intel_case(id),
        name text NOT NULL,
        media_type text NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        bytes bigint NOT NULL CHECK (bytes >= 0 AND bytes <= 52428800),
        storage_path text NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX case_attachment_file_case_idx ON case_attachment_file (case_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE case_attachment_file');
    await db.query('DROP TABLE case_identifier');
    await db.query('DROP TABLE intel_case');
  }
}
