import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PartnerPolicies1764080000000 implements MigrationInterface {
  name = 'PartnerPolicies1764080000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE partner_policy (
        partner_id text NOT NULL,
        version int NOT NULL CHECK (version > 0),
        outbound jsonb,
        inbound jsonb,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partner_id, version)
      )`);
    // Versions are history: sent packets name them, so they may never change or disappear.
    await db.query(`
      CREATE FUNCTION partner_policy_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'partner_policy versions cannot be changed or deleted'; END $$`);
    await db.query(`
      CREATE TRIGGER partner_policy_no_change BEFORE UPDATE OR DELETE ON partner_policy
      FOR EACH ROW EXECUTE FUNCTION partner_policy_immutable()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE partner_policy');
    await db.query('DROP FUNCTION partner_policy_immutable()');
  }
}
