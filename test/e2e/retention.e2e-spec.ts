import { verifyAuditTrail } from '../../src/audit/audit-trail.reader.js';
import { AuditEntry } from '../../src/audit/entities/audit-entry.entity.js';
import { Role } from '../../src/kernel/vocabulary/role.js';
import type { SealedPacket } from '../../src/envelope/packet-wire.js';
import { JobQueueService } from '../../src/transport/job-queue.service.js';
import { RETENTION_QUEUE, RetentionService } from '../../src/retention/retention.service.js';
import { DataSource } from 'typeorm';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { sql } from '../support/test-database.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';
import { acceptPacket } from '../support/accept-packet.js';

const NODES = ['kr-knpa', 'kh-cnp'];
const DAY = 24 * 3600;
const ADD = `mutation ($input: WatchlistEntryInput!) { addWatchlistEntry(input: $input) { entryId } }`;

interface Purge {
  seq: string;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, unknown>;
}

describe("retention of partners' data", () => {
  const federation = new TestFederation('retention', NODES);
  let knpa: TestNode;
  let cnp: TestNode;
  const tokens: Record<string, string> = {};

  // Years pass in this test: certificates would be expired when a checkpoint is signed, so none are.
  const noCheckpoints = { audit: { checkpointEveryEntries: 0, checkpointIntervalSeconds: 86400 } };

  async function purges(): Promise<Purge[]> {
    const page = await cnp.graphql<{ auditLog: { entries: Purge[] } }>(
      '{ auditLog(filter: { types: [RECORD_PURGED] }, first: 100) { entries { seq subjectType subjectId details } } }',
      {},
      tokens.auditor,
    );
    if (!page.data) throw new Error(JSON.stringify(page.errors));
    return page.data.auditLog.entries;
  }

  async function watchlistRows(): Promise<{ entry_id: string; revoked: boolean }[]> {
    return sql(cnp.databaseUrl, 'SELECT entry_id, revoked FROM watchlist_entry ORDER BY entry_id');
  }

  beforeAll(async () => {
    [knpa, cnp] = await federation.start(
      { id: 'kr-knpa', database: 'retention_knpa', config: noCheckpoints },
      {
        id: 'kh-cnp',
        database: 'retention_cnp',
        config: { ...noCheckpoints, policies: { file: 'config/policies/kh-cnp.yaml' } },
      },
    );
    tokens.knpaAnalyst = await knpa.officerToken('knpa-analyst', [Role.ANALYST]);
    tokens.knpaOfficer = await knpa.officerToken('knpa-officer', [Role.LIAISON_OFFICER]);
    tokens.analyst = await cnp.officerToken('cnp-analyst', [Role.ANALYST]);
    tokens.auditor = await cnp.officerToken('cnp-auditor', [Role.AUDITOR]);
  });
  afterAll(() => federation.stop());

  it('purges received packets when their retention ends and watchlist entries when they expire, tombstones after a grace period, auditing each purge without content', async () => {
    const created = await knpa.graphql<{ createCase: { id: string } }>(
      CREATE_CASE,
      { input: caseInput() },
      tokens.knpaAnalyst,
    );
    const shares = await knpa.graphql<{ requestShare: { id: string }[] }>(
      'mutation ($c: ID!) { requestShare(caseId: $c, partnerIds: ["kh-cnp"], purpose: INVESTIGATION) { id } }',
      { c: created.data!.createCase.id },
      tokens.knpaAnalyst,
    );
    const approved = await knpa.graphql<{ approveShare: { packetId: string } }>(
      'mutation ($id: ID!) { approveShare(id: $id) { packetId } }',
      { id: shares.data!.requestShare[0].id },
      tokens.knpaOfficer,
    );
    const packetId = approved.data!.approveShare.packetId;
    const [{ packet }] = await sql<{ packet: SealedPacket }>(
      knpa.databaseUrl,
      'SELECT wire::jsonb AS packet FROM outbound_packet WHERE packet_id = $1',
      [packetId],
    );
    const stored = await acceptPacket(cnp.app(), packet);
    const [{ identifiers }] = await sql<{ identifiers: number }>(
      cnp.databaseUrl,
      'SELECT count(*)::int AS identifiers FROM received_identifier WHERE received_packet_id = $1',
      [stored.id],
    );
    expect(identifiers).toBeGreaterThan(0);

    const validUntil = new Date(cnp.clock.now().getTime() + 2 * DAY * 1000).toISOString();
    const entry = (value: string) => ({
      identifierType: 'WALLET_EVM',
      value,
      reason: 'scam wallet',
      offenceCategory: 'ONLINE_SCAM',
      severity: 'HIGH',
      validUntil,
    });
    const expiring = await cnp.graphql<{ addWatchlistEntry: { entryId: string } }>(
      ADD,
      { input: entry('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed') },
      tokens.analyst,
    );
    const revoked = await cnp.graphql<{ addWatchlistEntry: { entryId: string } }>(
      ADD,
      { input: entry('0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359') },
      tokens.analyst,
    );
    const expiringId = expiring.data!.addWatchlistEntry.entryId;
    const revokedId = revoked.data!.addWatchlistEntry.entryId;
    expect(
      (
        await cnp.graphql(
          'mutation ($id: ID!) { revokeWatchlistEntry(entryId: $id, reason: "closed") { revoked } }',
          { id: revokedId },
          tokens.analyst,
        )
      ).errors,
    ).toBeUndefined();

    // Nothing is due yet.
    const retention = cnp.app().get(RetentionService);
    expect(await retention.purgeDue()).toEqual({ receivedPackets: 0, watchlistEntries: 0, watchlistTombstones: 0 });

    // Three days on, through the scheduled job's queue: the expired entry goes; the tombstone stays for its grace period.
    cnp.clock.advance(3 * DAY);
    const boss = await cnp.app().get(JobQueueService).ready();
    await boss.send(RETENTION_QUEUE, {});
    const deadline = Date.now() + 60_000;
    while ((await watchlistRows()).some((row) => row.entry_id === expiringId) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    expect(await watchlistRows()).toEqual([{ entry_id: revokedId, revoked: true }]);
    expect(await sql(cnp.databaseUrl, 'SELECT id FROM received_packet')).toHaveLength(1);
    const [watchlistPurge] = await purges();
    expect(watchlistPurge).toMatchObject({
      subjectType: 'WATCHLIST_ENTRY',
      details: { expiredEntries: 1, tombstones: 0, entries: [`kh-cnp/${expiringId}`], revokedEntries: [] },
    });

    // Years on, with two replicas' worth of concurrent runs: each record is purged and audited once.
    cnp.clock.advance(2000 * DAY);
    const runs = await Promise.all([retention.purgeDue(), retention.purgeDue()]);
    expect(runs.reduce((sum, run) => sum + run.receivedPackets, 0)).toBe(1);
    expect(runs.reduce((sum, run) => sum + run.watchlistTombstones, 0)).toBe(1);
    expect(await sql(cnp.databaseUrl, 'SELECT id FROM received_packet')).toEqual([]);
    expect(await sql(cnp.databaseUrl, 'SELECT * FROM received_identifier')).toEqual([]);
    expect(await watchlistRows()).toEqual([]);
    expect(await retention.purgeDue()).toEqual({ receivedPackets: 0, watchlistEntries: 0, watchlistTombstones: 0 });

    const all = await purges();
    expect(all).toHaveLength(3);
    expect(all.filter((p) => p.subjectType === 'RECEIVED_PACKET')).toEqual([
      expect.objectContaining({
        subjectId: packetId,
        details: expect.objectContaining({
          receivedPacketId: stored.id,
          originNode: 'kr-knpa',
          packetType: 'case',
          identifiers,
          retentionUntil: stored.retentionUntil.toISOString(),
        }),
      }),
    ]);
    expect(all.find((p) => p.subjectType === 'WATCHLIST_ENTRY' && p.seq !== watchlistPurge.seq)).toMatchObject({
      details: { expiredEntries: 0, tombstones: 1, revokedEntries: [`kh-cnp/${revokedId}`] },
    });
    const text = JSON.stringify(all);
    for (const content of [
      'Romance-scam',
      'KIM Min-jun',
      'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
      'scam wallet',
    ]) {
      expect(text).not.toContain(content);
    }

    // The purges are links of the same intact chain.
    const db = await new DataSource({ type: 'postgres', url: cnp.databaseUrl, entities: [AuditEntry] }).initialize();
    try {
      const summary = await verifyAuditTrail(db, () => 'no checkpoints are expected here');
      expect(summary).toMatchObject({ firstBreak: null, checkpoints: 0 });
      expect(summary.entries).toBe(summary.headSeq);
    } finally {
      await db.destroy();
    }
  });

  it('registers the purge as one pg-boss cron schedule in the database, which every replica shares', async () => {
    const schedules = await sql<{ name: string; cron: string }>(
      cnp.databaseUrl,
      'SELECT name, cron FROM pgboss.schedule WHERE name = $1',
      [RETENTION_QUEUE],
    );
    expect(schedules).toEqual([{ name: RETENTION_QUEUE, cron: '*/15 * * * *' }]);
  });
});
