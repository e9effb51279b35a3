import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery attempt no longer holds a transaction while the partner answers: it takes a lease
 * (claim token + expiry) in one short transaction and settles under it in another.
 */
export class DeliveryLeases1765000000000 implements MigrationInterface {
  name = 'DeliveryLeases1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE delivery
        ADD COLUMN claimed_until timestamptz,
        ADD COLUMN claim_token uuid,
        ADD CONSTRAINT delivery_claim_whole CHECK ((claimed_until IS NULL) = (claim_token IS NULL)),
        ADD CONSTRAINT delivery_claim_only_queued CHECK (claim_token IS NULL OR status = 'QUEUED')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE delivery
        DROP CONSTRAINT delivery_claim_only_queued,
        DROP CONSTRAINT delivery_claim_whole,
        DROP COLUMN claim_token,
        DROP COLUMN claimed_until`);
  }
}
