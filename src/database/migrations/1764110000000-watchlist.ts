import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Watchlist1764110000000 implements MigrationInterface {
  name = 'Watchlist1764110000000';

  async up(db: QueryRunner): Promise<void> {
    // Origin certificates, stored once and referenced by fingerprint (a PEM is ~1.5 KB; a node holds 1M entries).
    await db.query(`
      CREATE TABLE watchlist_certificate (
        fingerprint text PRIMARY KEY,
        node_id text NOT NULL,
        pem text NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now()
      )`);
    // This node's own change feed cursor: the order in which it stored or changed entries.
    await db.query('CREATE SEQUENCE watchlist_change_seq AS bigint');
    // The latest version we hold of each entry. An entry is named by its origin and its id, so a
    // node reusing another origin's entry id creates its own entry and can never take one over.
    await db.query(`
      CREATE TABLE watchlist_entry (
        origin text NOT NULL,
        entry_id uuid NOT NULL,
        version int NOT NULL CHECK (version > 0),
        identifier_type text NOT NULL,
        value text NOT NULL,
        reason text NOT NULL,
        offence_category text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('LOW','MEDIUM','HIGH','CRITICAL')),
        case_reference text,
        valid_until timestamptz NOT NULL,
        revoked boolean NOT NULL,
        updated_at timestamptz NOT NULL,
        signature text NOT NULL,
        certificate_fingerprint text NOT NULL REFERENCES watchlist_certificate(fingerprint),
        received_from text,
        onward_to text[] NOT NULL DEFAULT '{}',
        changed_by text,
        change_seq bigint NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (origin, entry_id),
        CHECK ((received_from IS NULL) = (changed_by IS NOT NULL))
      )`);
    await db.query('CREATE UNIQUE INDEX watchlist_entry_change_seq_idx ON watchlist_entry (change_seq)');
    await db.query('CREATE INDEX watchlist_entry_identifier_idx ON watchlist_entry (identifier_type, value)');
    await db.query('CREATE INDEX watchlist_entry_entry_id_idx ON watchlist_entry (entry_id)');
    await db.query('CREATE INDEX watchlist_entry_valid_until_idx ON watchlist_entry (valid_until)');
    // Every insert and update takes the next sequence value under one transaction-scoped advisory
    // lock, so writers commit in sequence order: a reader that has seen seq n has seen every
    // smaller one, and a cursor never skips a row that commits late.
    await db.query(`
      CREATE FUNCTION watchlist_entry_next_seq() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('watchlist_change_feed'));
        NEW.change_seq := nextval('watchlist_change_seq');
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER watchlist_entry_seq BEFORE INSERT OR UPDATE ON watchlist_entry
      FOR EACH ROW EXECUTE FUNCTION watchlist_entry_next_seq()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE watchlist_entry');
    await db.query('DROP FUNCTION watchlist_entry_next_seq()');
    await db.query('DROP SEQUENCE watchlist_change_seq');
    await db.query('DROP TABLE watchlist_certificate');
  }
}
