import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Logins are throttled per source (an account from one address, an address as a whole), and refused
 * attempts are counted per burst instead of each adding an audit entry and a login_attempt row.
 */
export class LoginRefusals1765400000000 implements MigrationInterface {
  name = 'LoginRefusals1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE login_refusal (
        client_address text NOT NULL,
        username text NOT NULL,
        refusals integer NOT NULL CHECK (refusals > 0),
        first_at timestamptz NOT NULL,
        last_at timestamptz NOT NULL,
        PRIMARY KEY (client_address, username),
        CHECK (last_at >= first_at)
      )`);
    await db.query('CREATE INDEX login_refusal_last_at_idx ON login_refusal (last_at)');
    await db.query('CREATE INDEX login_attempt_source_idx ON login_attempt (username, client_address, attempted_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX login_attempt_source_idx');
    await db.query('DROP TABLE login_refusal');
  }
}
