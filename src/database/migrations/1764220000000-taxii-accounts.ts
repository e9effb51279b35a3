import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TaxiiAccounts1764220000000 implements MigrationInterface {
  name = 'TaxiiAccounts1764220000000';

  async up(db: QueryRunner): Promise<void> {
    // One TAXII account per partner (HTTP Basic, username = partner node id); the secret is generated
    // by the node, shown once and kept only as an argon2id hash.
    await db.query(`
      CREATE TABLE taxii_account (
        partner_id text PRIMARY KEY,
        password_hash text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE taxii_account');
  }
}
