import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TaxiiCollectionsAndInbox1765100000000 implements MigrationInterface {
  name = 'TaxiiCollectionsAndInbox1765100000000';

  async up(db: QueryRunner): Promise<void> {
    // Accounts: a partner reads its collection; a publisher (the agency's own MISP or OpenCTI) writes
    // into the inbox. User names look like node ids either way.
    await db.query('ALTER TABLE taxii_account RENAME COLUMN partner_id TO username');
    await db.query(`
      ALTER TABLE taxii_account
        ADD COLUMN kind text NOT NULL DEFAULT 'PARTNER' CHECK (kind IN ('PARTNER', 'PUBLISHER')),
        ADD CONSTRAINT taxii_account_username_shape CHECK (username ~ '^[a-z][a-z0-9-]{1,62}$')`);
    await db.query('ALTER TABLE taxii_account ALTER COLUMN kind DROP DEFAULT');
    // Collection ids are random UUIDv4 (TAXII 2.1 §2), kept so they survive restarts.
    await db.query(`
      CREATE TABLE taxii_collection (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid() CHECK (substr(id::text, 15, 1) = '4'),
        kind text NOT NULL CHECK (kind IN ('PARTNER_FEED', 'INBOX')),
        partner_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'PARTNER_FEED') = (partner_id IS NOT NULL))
      )`);
    await db.query(
      "CREATE UNIQUE INDEX taxii_collection_partner_feed ON taxii_collection (partner_id) WHERE kind = 'PARTNER_FEED'",
    );
    await db.query("CREATE UNIQUE INDEX taxii_collection_one_inbox ON taxii_collection (kind) WHERE kind = 'INBOX'");
    // An Add Objects request and, per object, what became of it (TAXII 2.1 §4.3.1 status resource).
    await db.query(`
      CREATE TABLE taxii_status (
        id uuid PRIMARY KEY CHECK (substr(id::text, 15, 1) = '4'),
        username text NOT NULL REFERENCES taxii_account (username),
        collection_id uuid NOT NULL REFERENCES taxii_collection (id),
        request_timestamp text NOT NULL CHECK (request_timestamp ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z$'),
        total_count integer NOT NULL CHECK (total_count >= 0)
      )`);
    await db.query(`
      CREATE TABLE taxii_inbox_item (
        id uuid PRIMARY KEY,
        status_id uuid NOT NULL REFERENCES taxii_status (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        object_id text NOT NULL CHECK (object_id <> ''),
        object_version text NOT NULL CHECK (object_version <> ''),
        state text NOT NULL CHECK (state IN ('SUCCESS', 'FAILURE', 'PENDING')),
        message text,
        entry jsonb,
        entry_id uuid,
        decided_by text,
        decided_at timestamptz,
        UNIQUE (status_id, position),
        CHECK (state <> 'FAILURE' OR message IS NOT NULL),
        CHECK (state <> 'PENDING' OR (entry IS NOT NULL AND entry_id IS NULL AND decided_by IS NULL)),
        CHECK ((decided_by IS NULL) = (decided_at IS NULL))
      )`);
    await db.query("CREATE INDEX taxii_inbox_item_pending ON taxii_inbox_item (status_id) WHERE state = 'PENDING'");
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE taxii_inbox_item');
    await db.query('DROP TABLE taxii_status');
    await db.query('DROP TABLE taxii_collection');
    await db.query('ALTER TABLE taxii_account DROP CONSTRAINT taxii_account_username_shape');
    await db.query('ALTER TABLE taxii_account DROP COLUMN kind');
    await db.query('ALTER TABLE taxii_account RENAME COLUMN username TO partner_id');
  }
}
