import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OfficerAccounts1764050000000 implements MigrationInterface {
  name = 'OfficerAccounts1764050000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE officer_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE CHECK (username = lower(username) AND length(username) BETWEEN 3 AND 64),
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0
          AND roles <@ ARRAY['ANALYST','LIAISON_OFFICER','ADMIN','AUDITOR']::text[]),
        disabled_at timestamptz,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE login_attempt (
        id bigserial PRIMARY KEY,
        username text NOT NULL,
        client_address text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('SUCCEEDED','BAD_CREDENTIALS','ACCOUNT_DISABLED','RATE_LIMITED')),
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX login_attempt_username_idx ON login_attempt (username, attempted_at)');
    await db.query('CREATE INDEX login_attempt_address_idx ON login_attempt (client_address, attempted_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE login_attempt');
    await db.query('DROP TABLE officer_account');
  }
}
