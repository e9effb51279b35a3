import * as path from 'node:path';
import pg from 'pg';
import { entryHash, type AuditEntryRecord } from '../../src/audit/audit-chain.js';
import { AuditCheckpointScheduler } from '../../src/audit/audit-checkpoint.scheduler.js';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { isPacketRejection } from '../../src/kernel/vocabulary/packet-rejection.js';
import type { SealedPacket } from '../../src/envelope/packet-wire.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { runCli } from '../support/node-process.js';
import { sql } from '../support/test-database.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';
import { acceptPacket } from '../support/accept-packet.js';
import { eventually } from '../support/eventually.js';

interface AuditRow {
  seq: number;
  occurred_at: Date;
  type: AuditEntryRecord['type'];
  actor: AuditEntryRecord['actor'];
  subject_type: AuditEntryRecord['subjectType'];
  subject_id: AuditEntryRecord['subjectId'];
  details: AuditEntryRecord['details'];
  prev_hash: string;
  hash: string;
}

const NODES = ['kr-knpa', 'kh-cnp'];
const LOG = `query ($f: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $f, first: $first, after: $after) { entries { seq occurredAt type actor subjectType subjectId details prevHash hash } endCursor hasMore } }`;

interface Entry {
  seq: string;
  type: string;
  actor: string | null;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}
interface Page {
  auditLog: { entries: Entry[]; endCursor: string | null; hasMore: boolean };
}
interface Summary {
  entries: number;
  checkpoints: number;
  headSeq: number;
  lastCheckpointSeq: number | null;
  firstBreak: { seq: number; problem: string } | null;
}

describe('audit trail', () => {
  const federation = new TestFederation('audit', NODES);
  let knpa: TestNode;
  let cnp: TestNode;
  const tokens: Record<string, string> = {};

  const tuning = {
    // A deadline of one second dead-letters the first failed attempt (the peer URL answers nothing).
    federation: { host: '127.0.0.1', port: 0, deliveryDeadlineSeconds: 1 },
    audit: { checkpointEveryEntries: 5, checkpointIntervalSeconds: 3600 },
  };

  async function log(filter: Record<string, unknown> = {}, token = tokens.auditor, first = 200, after?: string) {
    return knpa.graphql<Page>(LOG, { f: filter, first, after }, token);
  }

  async function entriesOf(node: TestNode, type: string): Promise<Entry[]> {
    const token = node === knpa ? tokens.auditor : tokens.cnpAuditor;
    const page = await node.graphql<Page>(LOG, { f: { types: [type] }, first: 100 }, token);
    if (!page.data) throw new Error(JSON.stringify(page.errors));
    return page.data.auditLog.entries;
  }

  /** The node's entries of `type` once there are any; none after a minute (the expectation then says which). */
  function waitFor(node: TestNode, type: string): Promise<Entry[]> {
    const found = async () => {
      const entries = await entriesOf(node, type);
      return entries.length > 0 && entries;
    };
    return eventually(`${type} entries`, found, { timeoutMs: 60_000, intervalMs: 250 }).catch(() => []);
  }

  async function verifyCli(args: string[] = ['--json']) {
    return runCli('dist/cli/audit.cli.js', args, {
      NODE_CONFIG: 'config/kr-knpa.yaml',
      DATABASE_URL: knpa.databaseUrl,
      FEDNODE_DATA_DIR: path.join(federation.pkiDir, 'kr-knpa'),
      LOG_LEVEL: 'error',
    });
  }

  async function verified(): Promise<Summary> {
    const result = await verifyCli();
    if (result.code === 2) throw new Error(result.stderr);
    return JSON.parse(result.stdout) as Summary;
  }

  beforeAll(async () => {
    [knpa, cnp] = await federation.start(
      { id: 'kr-knpa', database: 'audit_knpa', config: tuning },
      { id: 'kh-cnp', database: 'audit_cnp', config: { ...tuning, policies: { file: 'config/policies/kh-cnp.yaml' } } },
    );
    tokens.analyst = await knpa.officerToken('knpa-analyst', [Role.ANALYST]);
    tokens.officer = await knpa.officerToken('knpa-officer', [Role.LIAISON_OFFICER]);
    tokens.admin = await knpa.officerToken('knpa-admin', [Role.ADMIN]);
    tokens.auditor = await knpa.officerToken('knpa-auditor', [Role.AUDITOR]);
    tokens.cnpAuditor = await cnp.officerToken('cnp-auditor', [Role.AUDITOR]);
  });
  afterAll(() => federation.stop());

  it('records logins, accounts, shares, deliveries, packets, policy changes and key rotation, in the same transaction as the change', async () => {
    expect((await knpa.graphql(LOG, {}, undefined)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(
      (await knpa.graphql('mutation { login(username: "knpa-analyst", password: "wrong-password-1") { token } }'))
        .errors?.[0].extensions?.code,
    ).toBe('UNAUTHENTICATED');
    const created = await knpa.graphql<{ createUser: { id: string } }>(
      'mutation { createUser(username: "temp-analyst", password: "temp-analyst-password-1", roles: [ANALYST]) { id } }',
      {},
      tokens.admin,
    );
    expect(created.errors).toBeUndefined();
    expect(
      (await knpa.graphql('mutation { disableUser(username: "temp-analyst") { disabled } }', {}, tokens.admin)).errors,
    ).toBeUndefined();

    const intelCase = await knpa.graphql<{ createCase: { id: string; reference: string } }>(
      CREATE_CASE,
      { input: caseInput() },
      tokens.analyst,
    );
    const share = async () =>
      (
        await knpa.graphql<{ requestShare: { id: string }[] }>(
          'mutation ($c: ID!) { requestShare(caseId: $c, partnerIds: ["kh-cnp"], purpose: INVESTIGATION) { id } }',
          { c: intelCase.data!.createCase.id },
          tokens.analyst,
        )
      ).data!.requestShare[0].id;
    const approvedId = await share();
    const rejectedId = await share();
    const approved = await knpa.graphql<{ approveShare: { packetId: string } }>(
      'mutation ($id: ID!) { approveShare(id: $id) { packetId } }',
      { id: approvedId },
      tokens.officer,
    );
    expect(approved.errors).toBeUndefined();
    const packetId = approved.data!.approveShare.packetId;
    expect(
      (
        await knpa.graphql(
          'mutation ($id: ID!) { rejectShare(id: $id, reason: "source protection") { status } }',
          { id: rejectedId },
          tokens.officer,
        )
      ).errors,
    ).toBeUndefined();
    // A refused decision changes nothing, so it is no event.
    expect(
      (
        await knpa.graphql(
          'mutation ($id: ID!) { approveShare(id: $id) { status } }',
          { id: await share() },
          tokens.analyst,
        )
      ).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');

    const policy = await knpa.graphql<{ partnerPolicy: { outbound: unknown; inbound: unknown } }>(
      '{ partnerPolicy(partnerId: "kh-cnp") { outbound { offenceCategories purposes tlpCeiling dataCategories transforms { path transform } onwardSharing { allowed to } retentionDays approvalMode watchlistCategories } inbound { offenceCategories tlpCeiling maxRetentionDays acceptRelayed } } }',
      {},
      tokens.admin,
    );
    const changed = await knpa.graphql<{ setPartnerPolicy: { version: number } }>(
      'mutation ($p: PartnerPolicyInput!) { setPartnerPolicy(partnerId: "kh-cnp", policy: $p) { version } }',
      { p: policy.data!.partnerPolicy },
      tokens.admin,
    );
    expect(changed.errors).toBeUndefined();
    expect((await knpa.graphql('mutation { rotateNodeKeys { keyId } }', {}, tokens.admin)).errors).toBeUndefined();

    // The partner receives the packet by hand (the transport is tested elsewhere); a replay is refused.
    const [{ packet }] = await sql<{ packet: SealedPacket }>(
      knpa.databaseUrl,
      'SELECT wire::jsonb AS packet FROM outbound_packet WHERE packet_id = $1',
      [packetId],
    );
    await acceptPacket(cnp.app(), packet);
    const replay = await acceptPacket(cnp.app(), packet).catch((error: unknown) => error);
    expect(isPacketRejection(replay) && replay.reason).toBe('REPLAY');

    const failedLogins = await entriesOf(knpa, 'LOGIN_FAILED');
    expect(failedLogins[0]).toMatchObject({
      actor: 'knpa-analyst',
      subjectType: 'OFFICER_ACCOUNT',
      details: { reason: 'BAD_CREDENTIALS', clientAddress: expect.any(String) },
    });
    expect((await entriesOf(knpa, 'LOGIN_SUCCEEDED')).map((e) => e.actor)).toEqual(
      expect.arrayContaining(['knpa-analyst', 'knpa-auditor']),
    );
    expect((await entriesOf(knpa, 'USER_CREATED')).find((e) => e.details.username === 'temp-analyst')).toMatchObject({
      actor: 'knpa-admin',
      subjectId: created.data!.createUser.id,
      details: { roles: ['ANALYST'] },
    });
    expect(await entriesOf(knpa, 'USER_DISABLED')).toEqual([
      expect.objectContaining({ actor: 'knpa-admin', subjectId: created.data!.createUser.id }),
    ]);
    expect((await entriesOf(knpa, 'SHARE_REQUESTED')).length).toBe(3);
    const [approval] = await entriesOf(knpa, 'SHARE_APPROVED');
    expect(approval).toMatchObject({
      actor: 'knpa-officer',
      subjectType: 'SHARE_REQUEST',
      subjectId: approvedId,
      details: {
        partnerId: 'kh-cnp',
        requestedBy: 'knpa-analyst',
        packetId,
        policyVersion: 'kr-knpa/kh-cnp/v1',
        caseReference: intelCase.data!.createCase.reference,
      },
    });
    expect(await entriesOf(knpa, 'SHARE_REJECTED')).toEqual([
      expect.objectContaining({ actor: 'knpa-officer', subjectId: rejectedId }),
    ]);
    expect(await entriesOf(knpa, 'POLICY_CHANGED')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: 'knpa-admin',
          subjectId: 'kr-knpa/kh-cnp/v2',
          details: expect.objectContaining({ version: 2 }),
        }),
      ]),
    );
    expect(await entriesOf(knpa, 'KEYS_ROTATED')).toEqual([
      expect.objectContaining({ actor: 'knpa-admin', subjectType: 'NODE_KEYS' }),
    ]);
    expect(await entriesOf(cnp, 'PACKET_RECEIVED')).toEqual([
      expect.objectContaining({ actor: 'kr-knpa', subjectId: packetId }),
    ]);
    expect(await entriesOf(cnp, 'PACKET_REJECTED')).toEqual([
      expect.objectContaining({ subjectId: packetId, details: expect.objectContaining({ reason: 'REPLAY' }) }),
    ]);

    // The peer URL answers nothing: the first attempt is sent, fails and is past the deadline.
    const [failed] = await waitFor(knpa, 'SHARE_FAILED');
    expect(failed).toMatchObject({
      subjectId: approvedId,
      details: { failure: 'DEAD_LETTERED', packetId, partnerId: 'kh-cnp' },
    });
    expect(await entriesOf(knpa, 'SHARE_SENT')).toEqual([expect.objectContaining({ subjectId: approvedId })]);

    // Nothing of the case content or any password is in the trail.
    const all = JSON.stringify((await log()).data);
    for (const secret of [
      'Romance-scam',
      'KIM Min-jun',
      'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      'wrong-password-1',
      'temp-analyst-password-1',
    ])
      expect(all).not.toContain(secret);
    expect(await entriesOf(knpa, 'AUDIT_CHECKPOINT')).not.toHaveLength(0);
  });

  it('is readable by auditors only, filtered and paged by cursor', async () => {
    for (const token of [tokens.analyst, tokens.admin, tokens.officer])
      expect((await log({}, token)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const first = await log({}, tokens.auditor, 3);
    expect(first.data!.auditLog.entries).toHaveLength(3);
    expect(first.data!.auditLog.hasMore).toBe(true);
    const seqs = first.data!.auditLog.entries.map((e) => Number(e.seq));
    expect(seqs).toEqual([seqs[0], seqs[0] - 1, seqs[0] - 2]);
    const next = await log({}, tokens.auditor, 3, first.data!.auditLog.endCursor!);
    expect(Number(next.data!.auditLog.entries[0].seq)).toBe(seqs[2] - 1);

    const byActor = await log({ actor: 'knpa-officer', types: ['SHARE_APPROVED', 'SHARE_REJECTED'] });
    expect(byActor.data!.auditLog.entries.map((e) => e.type).sort()).toEqual(['SHARE_APPROVED', 'SHARE_REJECTED']);
    const future = await log({ from: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.data!.auditLog.entries).toEqual([]);
    const [approval] = (await log({ types: ['SHARE_APPROVED'] })).data!.auditLog.entries;
    const bySubject = await log({ subjectType: 'SHARE_REQUEST', subjectId: approval.subjectId });
    expect(bySubject.data!.auditLog.entries.map((e) => e.type)).toEqual(
      expect.arrayContaining(['SHARE_REQUESTED', 'SHARE_APPROVED', 'SHARE_SENT', 'SHARE_FAILED']),
    );
    expect((await log({}, tokens.auditor, 0)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    expect((await log({}, tokens.auditor, 5, 'nonsense')).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  describe('npm run audit:verify, after direct changes to the database', () => {
    let k: number;
    let client: pg.Client;

    async function rows(): Promise<AuditEntryRecord[]> {
      const result = await client.query(
        'SELECT seq::int AS seq, occurred_at, type, actor, subject_type, subject_id, details, prev_hash, hash FROM audit_entry ORDER BY seq',
      );
      return result.rows.map((r: AuditRow) => ({
        seq: r.seq,
        occurredAt: (r.occurred_at as Date).toISOString(),
        type: r.type,
        actor: r.actor,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        details: r.details,
        prevHash: r.prev_hash,
        hash: r.hash,
      }));
    }

    /** What someone with the database's superuser password can do: switch the append-only triggers off. */
    async function tamper(statements: [string, unknown[]?][]): Promise<void> {
      await client.query('BEGIN');
      await client.query('SET LOCAL session_replication_role = replica');
      for (const [text, params] of statements) await client.query(text, params ?? []);
      await client.query('COMMIT');
    }

    beforeAll(async () => {
      // What the hourly timer does: sign the waiting entries and copy the newest checkpoint out of the database.
      await knpa.app().get(AuditCheckpointScheduler).tick();
      // Nothing appends to kr-knpa's trail from here on: no logins, the delivery is dead-lettered, the timer is an hour.
      client = new pg.Client({ connectionString: knpa.databaseUrl });
      await client.connect();
      await client.query('CREATE TABLE audit_backup AS SELECT * FROM audit_entry');
      // An ordinary entry with ordinary neighbours, well inside the chain.
      const all = await rows();
      k = all.find(
        (e, i) =>
          i > 2 &&
          [0, 1, 2].every((d) => all[i + d] && all[i + d].type !== 'AUDIT_CHECKPOINT') &&
          all.slice(i).some((x) => x.type === 'AUDIT_CHECKPOINT'),
      )!.seq;
    });
    afterEach(async () => {
      await tamper([['DELETE FROM audit_entry'], ['INSERT INTO audit_entry SELECT * FROM audit_backup']]);
    });
    afterAll(async () => {
      await client?.end();
    });

    it('says the untouched trail is intact, with its checkpoints signed before and after the key rotation', async () => {
      const result = await verifyCli([]);
      expect(result.stdout).toContain('OK: every hash link and every checkpoint signature verifies');
      expect(result.stdout).toContain('newest checkpoint copied outside the database: entry');
      expect(result.code).toBe(0);
      const summary = await verified();
      expect(summary.firstBreak).toBeNull();
      expect(summary.checkpoints).toBeGreaterThanOrEqual(2);
      expect(summary.entries).toBe(summary.headSeq);
      // The application itself cannot change a row.
      await expect(client.query('UPDATE audit_entry SET actor = $1 WHERE seq = $2', ['mallory', k])).rejects.toThrow(
        /append-only/,
      );
      await expect(client.query('DELETE FROM audit_entry WHERE seq = $1', [k])).rejects.toThrow(/append-only/);
    });

    it("finds an altered entry at its own sequence number, from the CLI and from the auditors' query alike", async () => {
      const query = '{ verifyAuditChain { valid entries checkpoints firstBreakSeq problem } }';
      const before = await knpa.graphql<{ verifyAuditChain: Record<string, unknown> }>(query, {}, tokens.auditor);
      expect(before.data?.verifyAuditChain).toMatchObject({ valid: true, firstBreakSeq: null, problem: null });
      expect((await knpa.graphql(query, {}, tokens.admin)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      await tamper([[`UPDATE audit_entry SET actor = 'mallory' WHERE seq = $1`, [k]]]);
      const result = await verifyCli([]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`BROKEN at entry ${k}: entry ${k} does not match its hash`);
      const after = await knpa.graphql<{ verifyAuditChain: Record<string, unknown> }>(query, {}, tokens.auditor);
      expect(after.data?.verifyAuditChain).toMatchObject({
        valid: false,
        firstBreakSeq: String(k),
        problem: expect.stringContaining(`entry ${k} does not match its hash`),
      });
    });

    it('finds an altered entry whose hashes were all recomputed at the next signed checkpoint', async () => {
      const all = await rows();
      const statements: [string, unknown[]][] = [];
      let prev = all[k - 2].hash;
      for (const entry of all.slice(k - 1)) {
        const changed = { ...entry, actor: entry.seq === k ? 'mallory' : entry.actor, prevHash: prev };
        const hash = entryHash(changed);
        statements.push([
          'UPDATE audit_entry SET actor = $2, prev_hash = $3, hash = $4 WHERE seq = $1',
          [entry.seq, changed.actor, prev, hash],
        ]);
        prev = hash;
      }
      await tamper(statements);
      const checkpoint = all.find((e) => e.seq > k && e.type === 'AUDIT_CHECKPOINT')!;
      const summary = await verified();
      expect(summary.firstBreak).toEqual({
        seq: checkpoint.seq,
        problem: expect.stringContaining(`vouches for entry ${checkpoint.seq - 1}`),
      });
    });

    it('finds a deleted entry as a gap', async () => {
      await tamper([['DELETE FROM audit_entry WHERE seq = $1', [k]]]);
      const result = await verifyCli([]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`BROKEN at entry ${k}: entry ${k} is missing`);
    });

    it('finds an inserted entry, even one with a correct hash and renumbered successors', async () => {
      const all = await rows();
      const before = all[k - 1];
      const forged = {
        seq: k + 1,
        occurredAt: before.occurredAt,
        type: 'LOGIN_SUCCEEDED',
        actor: 'mallory',
        subjectType: null,
        subjectId: null,
        details: {},
        prevHash: before.hash,
      };
      const hash = entryHash(forged);
      await tamper([
        ['UPDATE audit_entry SET seq = seq + 1000000 WHERE seq > $1', [k]],
        ['UPDATE audit_entry SET seq = seq - 1000000 + 1 WHERE seq > 1000000'],
        [
          `INSERT INTO audit_entry (seq, occurred_at, type, actor, subject_type, subject_id, details, prev_hash, hash) VALUES ($1, $2, $3, $4, NULL, NULL, '{}', $5, $6)`,
          [k + 1, forged.occurredAt, forged.type, forged.actor, forged.prevHash, hash],
        ],
      ]);
      const summary = await verified();
      expect(summary.firstBreak).toEqual({
        seq: k + 2,
        problem: expect.stringContaining(`entry ${k + 1} was inserted`),
      });
    });

    it('finds the newest entries removed together with their checkpoint, from the copy outside the database', async () => {
      const checkpoints = (await rows()).filter((e) => e.type === 'AUDIT_CHECKPOINT').map((e) => e.seq);
      const [previous, last] = checkpoints.slice(-2);
      // What is left is a shorter chain, valid link by link and signed up to `previous`.
      await tamper([['DELETE FROM audit_entry WHERE seq > $1', [previous]]]);
      const result = await verifyCli([]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`the node signed checkpoint ${last}`);
      expect(result.stdout).toContain(`the database chain ends at entry ${previous}: its newest entries were removed`);
    });

    it('finds reordered entries at the first moved position', async () => {
      await tamper([
        ['UPDATE audit_entry SET seq = 1000000 WHERE seq = $1', [k]],
        ['UPDATE audit_entry SET seq = $1 WHERE seq = $2', [k, k + 1]],
        ['UPDATE audit_entry SET seq = $1 WHERE seq = 1000000', [k + 1]],
      ]);
      const result = await verifyCli([]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`BROKEN at entry ${k}: entry ${k} does not link to entry ${k - 1}`);
    });
  });
});
