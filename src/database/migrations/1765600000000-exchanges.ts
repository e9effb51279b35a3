import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS = `('FREEZE','PRESERVE_RECORDS','DISCLOSE_HOLDER','RELEASE')`;
const URGENCIES = `('URGENT','STANDARD','ROUTINE')`;
const ANSWERS = `('ACKNOWLEDGED','FROZEN','PARTIALLY_FROZEN','NOT_OUR_CUSTOMER','NO_FUNDS','NEEDS_LEGAL_PROCESS','DECLINED','RELEASED')`;
const REFERENCE = `'^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$'`;
const SHA256 = `'^[0-9a-f]{64}$'`;

/** Exchanges as nodes (#18): requests to exchanges and their clocks, the compliance desk, wallet screening. */
export class Exchanges1765600000000 implements MigrationInterface {
  name = 'Exchanges1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE officer_account DROP CONSTRAINT officer_account_roles_check');
    await db.query(`ALTER TABLE officer_account ADD CONSTRAINT officer_account_roles_check CHECK (cardinality(roles) > 0
      AND roles <@ ARRAY['ANALYST','LIAISON_OFFICER','ADMIN','AUDITOR','COMPLIANCE_OFFICER']::text[])`);
    await this.alerts(db);
    await this.agencySide(db);
    await this.exchangeSide(db);
    await this.screening(db);
  }

  /** New alert kinds; they say what happened in `detail` (the correlation kinds never do). */
  private async alerts(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE alert DROP CONSTRAINT alert_kind_check');
    await db.query(`ALTER TABLE alert ADD CONSTRAINT alert_kind_check CHECK (kind IN ('PARTNER_DATA_MATCHES_LOCAL_CASE',
      'CROSS_PARTNER_MATCH','FREEZE_REQUEST_OVERDUE','FREEZE_EXPIRING','FREEZE_LAPSED','WALLET_HIT','HIT_REPORTED'))`);
    await db.query('ALTER TABLE alert ADD COLUMN detail text');
    await db.query(`ALTER TABLE alert ADD CONSTRAINT alert_detail_of_exchange_kinds
      CHECK ((detail IS NULL) = (kind IN ('PARTNER_DATA_MATCHES_LOCAL_CASE','CROSS_PARTNER_MATCH')))`);
  }

  private async agencySide(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE freeze_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE CHECK (reference ~ ${REFERENCE}),
        case_id uuid NOT NULL REFERENCES intel_case(id),
        action text NOT NULL CHECK (action IN ${ACTIONS}),
        legal_basis jsonb NOT NULL,
        order_attachment_id text NOT NULL,
        order_sha256 text NOT NULL CHECK (order_sha256 ~ ${SHA256}),
        targets jsonb NOT NULL CHECK (jsonb_typeof(targets) = 'array' AND jsonb_array_length(targets) BETWEEN 1 AND 500),
        duration_days int CHECK (duration_days BETWEEN 1 AND 3650),
        no_tipping_off boolean NOT NULL,
        urgency text NOT NULL CHECK (urgency IN ${URGENCIES}),
        follows text CHECK (follows ~ ${REFERENCE}),
        note text,
        status text NOT NULL CHECK (status IN ('PENDING_APPROVAL','DENIED_BY_POLICY','APPROVED','REJECTED','WITHDRAWN')),
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL,
        decided_by text,
        decided_at timestamptz,
        decision_comment text,
        -- four eyes, enforced by the database too
        CHECK (decided_by IS NULL OR decided_by <> requested_by),
        CHECK ((status IN ('APPROVED','REJECTED')) = (decided_by IS NOT NULL)),
        CHECK (action = 'FREEZE' OR duration_days IS NULL)
      )`);
    await db.query('CREATE INDEX freeze_request_case_idx ON freeze_request (case_id, requested_at)');
    await db.query('CREATE INDEX freeze_request_status_idx ON freeze_request (status, requested_at)');
    await db.query(`
      CREATE TABLE freeze_request_copy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES freeze_request(id),
        exchange_id text NOT NULL,
        status text NOT NULL CHECK (status IN
          ('PENDING_APPROVAL','DENIED_BY_POLICY','APPROVED','SENT','DELIVERED','FAILED','REJECTED','WITHDRAWN')),
        policy_version int,
        policy_reasons jsonb NOT NULL,
        packet_id uuid UNIQUE,
        deadline_at timestamptz,
        answer_state text NOT NULL DEFAULT 'NONE' CHECK (answer_state IN ('NONE','ACKNOWLEDGED','ANSWERED')),
        last_answer_at timestamptz,
        overdue_alerted_at timestamptz,
        sent_at timestamptz,
        delivered_at timestamptz,
        last_error text,
        UNIQUE (request_id, exchange_id),
        -- a copy gets its deadline when it is sealed, and only then
        CHECK ((packet_id IS NULL) = (deadline_at IS NULL)),
        CHECK (status NOT IN ('APPROVED','SENT','DELIVERED') OR packet_id IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX freeze_request_copy_due_idx ON freeze_request_copy (deadline_at)
      WHERE answer_state <> 'ANSWERED' AND overdue_alerted_at IS NULL AND deadline_at IS NOT NULL`);
    await db.query(`
      CREATE TABLE freeze_answer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        copy_id uuid NOT NULL REFERENCES freeze_request_copy(id),
        packet_id uuid NOT NULL,
        answer_id uuid NOT NULL,
        target_id text NOT NULL,
        status text NOT NULL CHECK (status IN ${ANSWERS}),
        detail jsonb NOT NULL,
        answered_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        UNIQUE (packet_id, target_id)
      )`);
    await db.query('CREATE INDEX freeze_answer_copy_idx ON freeze_answer (copy_id, answered_at)');
    await db.query(`
      CREATE TABLE freeze_hold (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        exchange_id text NOT NULL,
        identifier_type text NOT NULL,
        value text NOT NULL,
        case_id uuid NOT NULL REFERENCES intel_case(id),
        copy_id uuid NOT NULL REFERENCES freeze_request_copy(id),
        target_id text NOT NULL,
        amount text,
        asset text,
        account text,
        frozen_at timestamptz,
        frozen_until timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('HELD','RELEASED','LAPSED')),
        reminders_sent int NOT NULL DEFAULT 0 CHECK (reminders_sent >= 0),
        updated_at timestamptz NOT NULL,
        UNIQUE (exchange_id, identifier_type, value)
      )`);
    await db.query(`CREATE INDEX freeze_hold_held_idx ON freeze_hold (frozen_until) WHERE status = 'HELD'`);
    await db.query(`
      CREATE TABLE hit_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        packet_id uuid NOT NULL,
        exchange_id text NOT NULL,
        hit_id uuid NOT NULL,
        entry_id uuid NOT NULL,
        offence_category text NOT NULL,
        case_reference text,
        identifier_type text NOT NULL,
        value text NOT NULL,
        direction text NOT NULL CHECK (direction IN ('DEPOSIT','WITHDRAWAL')),
        transaction_hash text,
        amount text,
        asset text,
        chain text,
        occurred_at timestamptz NOT NULL,
        reported_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        retention_until timestamptz NOT NULL,
        case_ids uuid[] NOT NULL,
        UNIQUE (exchange_id, hit_id)
      )`);
    await db.query('CREATE INDEX hit_report_received_idx ON hit_report (received_at DESC)');
    await db.query('CREATE INDEX hit_report_cases_idx ON hit_report USING gin (case_ids)');
  }

  private async exchangeSide(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE compliance_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        packet_id uuid NOT NULL UNIQUE,
        agency_id text NOT NULL,
        request_id uuid NOT NULL,
        reference text NOT NULL,
        case_reference text NOT NULL,
        action text NOT NULL CHECK (action IN ${ACTIONS}),
        urgency text NOT NULL CHECK (urgency IN ${URGENCIES}),
        deadline_at timestamptz NOT NULL,
        no_tipping_off boolean NOT NULL,
        body jsonb NOT NULL,
        order_sha256 text NOT NULL CHECK (order_sha256 ~ ${SHA256}),
        status text NOT NULL CHECK (status IN ('OPEN','ANSWERED')),
        inbound_policy_version int NOT NULL,
        received_at timestamptz NOT NULL,
        retention_until timestamptz NOT NULL,
        UNIQUE (agency_id, request_id)
      )`);
    await db.query('CREATE INDEX compliance_request_queue_idx ON compliance_request (status, deadline_at)');
    // The order as received, byte for byte: its SHA-256 is what the agency signed.
    await db.query(`
      CREATE TABLE compliance_order_document (
        request_id uuid PRIMARY KEY REFERENCES compliance_request(id) ON DELETE CASCADE,
        content bytea NOT NULL
      )`);
    await db.query(`
      CREATE TABLE compliance_answer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES compliance_request(id),
        answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'array' AND jsonb_array_length(answers) >= 1),
        drafted_by text NOT NULL,
        drafted_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN
          ('PENDING_APPROVAL','DENIED_BY_POLICY','APPROVED','SENT','DELIVERED','FAILED','REJECTED')),
        policy_version int,
        policy_reasons jsonb NOT NULL,
        decided_by text,
        decided_at timestamptz,
        decision_comment text,
        packet_id uuid UNIQUE,
        sent_at timestamptz,
        delivered_at timestamptz,
        last_error text,
        -- four eyes, enforced by the database too: the approver wrote none of the answer
        CHECK (decided_by IS NULL OR decided_by <> drafted_by),
        CHECK (status NOT IN ('APPROVED','SENT','DELIVERED') OR packet_id IS NOT NULL)
      )`);
    await db.query('CREATE INDEX compliance_answer_request_idx ON compliance_answer (request_id, drafted_at)');
  }

  private async screening(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE screening_system (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
        description text,
        key_sha256 text UNIQUE CHECK (key_sha256 ~ ${SHA256}),
        certificate_sha256 text UNIQUE CHECK (certificate_sha256 ~ ${SHA256}),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        disabled_at timestamptz,
        CHECK (key_sha256 IS NOT NULL OR certificate_sha256 IS NOT NULL)
      )`);
    await db.query(`
      CREATE TABLE wallet_hit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        system_id text NOT NULL REFERENCES screening_system(id),
        identifier_type text NOT NULL,
        value text NOT NULL,
        direction text CHECK (direction IN ('DEPOSIT','WITHDRAWAL')),
        transaction_hash text,
        amount text,
        asset text,
        chain text,
        occurred_at timestamptz NOT NULL,
        entry_origin text NOT NULL,
        entry_id uuid NOT NULL,
        offence_category text NOT NULL,
        case_reference text,
        report text NOT NULL CHECK (report IN ('NOT_A_TRANSFER','NOT_ALLOWED','QUEUED','SENT','DELIVERED','FAILED')),
        packet_id uuid,
        recorded_at timestamptz NOT NULL,
        CHECK ((report IN ('QUEUED','SENT','DELIVERED','FAILED')) = (packet_id IS NOT NULL)),
        CHECK ((direction IS NULL) = (report = 'NOT_A_TRANSFER'))
      )`);
    // A lookup (no transfer) hits an entry once per wallet; a transfer with its hash is recorded once.
    await db.query(`CREATE UNIQUE INDEX wallet_hit_lookup_once ON wallet_hit (identifier_type, value, entry_origin, entry_id)
      WHERE direction IS NULL`);
    await db.query(`CREATE UNIQUE INDEX wallet_hit_transfer_once
      ON wallet_hit (identifier_type, value, entry_origin, entry_id, direction, transaction_hash) WHERE transaction_hash IS NOT NULL`);
    await db.query('CREATE INDEX wallet_hit_packet_idx ON wallet_hit (packet_id) WHERE packet_id IS NOT NULL');
    await db.query('CREATE INDEX wallet_hit_recorded_idx ON wallet_hit (recorded_at DESC)');
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'wallet_hit',
      'screening_system',
      'compliance_answer',
      'compliance_order_document',
      'compliance_request',
      'hit_report',
      'freeze_hold',
      'freeze_answer',
      'freeze_request_copy',
      'freeze_request',
    ])
      await db.query(`DROP TABLE ${table}`);
    await db.query('ALTER TABLE officer_account DROP CONSTRAINT officer_account_roles_check');
    await db.query(`ALTER TABLE officer_account ADD CONSTRAINT officer_account_roles_check CHECK (cardinality(roles) > 0
      AND roles <@ ARRAY['ANALYST','LIAISON_OFFICER','ADMIN','AUDITOR']::text[]) NOT VALID`);
    await db.query("DELETE FROM alert WHERE kind NOT IN ('PARTNER_DATA_MATCHES_LOCAL_CASE','CROSS_PARTNER_MATCH')");
    await db.query('ALTER TABLE alert DROP CONSTRAINT alert_detail_of_exchange_kinds');
    await db.query('ALTER TABLE alert DROP COLUMN detail');
    await db.query('ALTER TABLE alert DROP CONSTRAINT alert_kind_check');
    await db.query(
      "ALTER TABLE alert ADD CONSTRAINT alert_kind_check CHECK (kind IN ('PARTNER_DATA_MATCHES_LOCAL_CASE','CROSS_PARTNER_MATCH'))",
    );
  }
}
