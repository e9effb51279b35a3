import { eventually, FederationHarness } from '../federation/support/federation-harness.js';
import { printLedger, senderView } from './support/delivery-ledger.js';
import { ShareTraffic } from './support/share-traffic.js';

/**
 * Three node processes over mutual TLS (kr-knpa and asean-hub send case shares to kh-cnp) through a
 * peer that is down and comes back, a network partition and its healing, and both a receiver killed
 * with SIGKILL while ingesting a burst from two peers and a sender killed mid-delivery.
 * (test/federation/case-delivery.e2e-spec.ts covers a single sender killed, and two replicas.)
 */
/** Generous: a shared, loaded machine makes node start-ups slow; speed is measured by the benchmarks, not here. */
const TEST_TIMEOUT_MS = 300_000;

describe('reliability: deliveries through outages', () => {
  const federation = new FederationHarness(['kr-knpa', 'kh-cnp', 'asean-hub']);
  const traffic = new ShareTraffic(federation);

  beforeAll(async () => {
    await federation.prepare();
    await federation.startAll();
  }, 180_000);
  afterAll(() => federation.stopAll());

  it(
    'a peer down during delivery and back later gets every packet once',
    async () => {
      const pending = await traffic.pending('kr-knpa', 'kh-cnp', 6);
      await federation.slot('kh-cnp').processes[0].stop('SIGTERM');
      const packetIds = await traffic.approve('kr-knpa', pending);
      // Every delivery has failed at least once against the stopped peer before it comes back.
      await eventually(
        'retries against the stopped peer',
        async () => {
          const rows = await federation.sql<{ attempts: number }>(
            'kr-knpa',
            'SELECT attempts FROM delivery WHERE packet_id::text = ANY($1::text[])',
            [packetIds],
          );
          return rows.length === packetIds.length && rows.every((r) => r.attempts >= 2) ? true : undefined;
        },
        60_000,
      );
      await federation.start('kh-cnp');
      const ledger = await traffic.settle('peer down during delivery, back later', [
        { from: 'kr-knpa', to: 'kh-cnp', packetIds },
      ]);
      printLedger(ledger);
      expect(ledger).toMatchObject({ sent: 6, delivered: 6, rejected: {}, lost: 0, duplicated: 0 });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a partition between two nodes holds their packets back, not the others; healing delivers each once',
    async () => {
      federation.partition('kr-knpa', 'kh-cnp');
      const cut = await traffic.approved('kr-knpa', 'kh-cnp', 5);
      const open = await traffic.approved('kr-knpa', 'asean-hub', 3);
      await eventually(
        'asean-hub served during the partition',
        async () => {
          const view = await senderView(federation.slot('kr-knpa').databaseUrl, open);
          return view.statuses.DELIVERED === open.length ? true : undefined;
        },
        60_000,
        () => federation.logs(),
      );
      const during = await senderView(federation.slot('kr-knpa').databaseUrl, cut);
      expect(during.statuses.DELIVERED ?? 0).toBe(0);
      federation.heal('kr-knpa', 'kh-cnp');
      const ledger = await traffic.settle('partition and healing', [
        { from: 'kr-knpa', to: 'kh-cnp', packetIds: cut },
        { from: 'kr-knpa', to: 'asean-hub', packetIds: open },
      ]);
      ledger.notes.duringPartition = during.statuses;
      printLedger(ledger);
      expect(ledger).toMatchObject({ sent: 8, delivered: 8, rejected: {}, lost: 0, duplicated: 0 });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'SIGKILL of the receiver mid-ingest (burst from two peers) and of a sender mid-delivery: nothing lost, nothing twice',
    async () => {
      const fromKnpa = await traffic.pending('kr-knpa', 'kh-cnp', 12);
      const fromHub = await traffic.pending('asean-hub', 'kh-cnp', 8);
      const storedCount = async () =>
        (await federation.sql<{ stored: number }>('kh-cnp', 'SELECT count(*)::int AS stored FROM received_packet'))[0]
          .stored;
      const before = await storedCount();
      const approving = Promise.all([
        traffic.approve('kr-knpa', fromKnpa, true),
        traffic.approve('asean-hub', fromHub, true),
      ]);
      // Kill both once kh-cnp has stored part of the burst and kr-knpa has sealed (and is delivering) some of its share.
      const storedAtKill = await eventually(
        'the first packets stored at kh-cnp and sealed at kr-knpa',
        async () => {
          const stored = (await storedCount()) - before;
          return stored >= 2 && (await traffic.sealedFor('kr-knpa', fromKnpa)).length >= 3 ? stored : undefined;
        },
        60_000,
        () => federation.logs(),
      );
      await Promise.all([
        federation.slot('kh-cnp').processes.at(-1)!.stop('SIGKILL'),
        federation.slot('kr-knpa').processes.at(-1)!.stop('SIGKILL'),
      ]);
      // What the kill interrupted, read from the databases: sealed by kr-knpa, and confirmed to it, at that moment.
      const atKill = {
        knpaSealed: (await traffic.sealedFor('kr-knpa', fromKnpa)).length,
        knpaConfirmed: 0,
        cnpStored: storedAtKill,
      };
      atKill.knpaConfirmed =
        (await senderView(federation.slot('kr-knpa').databaseUrl, await traffic.sealedFor('kr-knpa', fromKnpa)))
          .statuses.DELIVERED ?? 0;
      await approving;
      await Promise.all([federation.start('kh-cnp'), federation.start('kr-knpa')]);
      // Approvals the kill cut off never reached the database: the officer approves them again.
      await traffic.approve('kr-knpa', await traffic.stillPending('kr-knpa', fromKnpa));
      const flows = [
        { from: 'kr-knpa', to: 'kh-cnp', packetIds: await traffic.sealedFor('kr-knpa', fromKnpa) },
        { from: 'asean-hub', to: 'kh-cnp', packetIds: await traffic.sealedFor('asean-hub', fromHub) },
      ];
      const ledger = await traffic.settle('SIGKILL mid-ingest and mid-delivery', flows);
      ledger.notes.atKill = atKill;
      printLedger(ledger);
      expect(flows.map((f) => f.packetIds.length)).toEqual([12, 8]);
      expect(ledger).toMatchObject({ sent: 20, delivered: 20, rejected: {}, lost: 0, duplicated: 0 });
    },
    TEST_TIMEOUT_MS,
  );
});
