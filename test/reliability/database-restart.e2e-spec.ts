import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startEmbeddedPostgres, type RunningDatabase } from '../../src/database/embedded-postgres.js';
import { eventually, FederationHarness } from '../federation/support/federation-harness.js';
import { freePort } from '../support/free-port.mjs';
import { sql } from '../support/test-database.js';
import { printLedger } from './support/delivery-ledger.js';
import { ShareTraffic } from './support/share-traffic.js';

/**
 * kr-knpa and kh-cnp as real node processes whose databases live on a PostgreSQL cluster of this test
 * alone (not the shared test cluster), which is stopped (fast shutdown: every backend terminated)
 * and started again while shares are being approved and delivered. Both nodes must report the
 * outage on /health/ready, recover on their own, and deliver every sealed packet exactly once.
 */
/** Generous: a shared, loaded machine makes node start-ups slow; speed is measured by the benchmarks, not here. */
const TEST_TIMEOUT_MS = 300_000;

describe('reliability: the database restarted under load', () => {
  const federation = new FederationHarness(['kr-knpa', 'kh-cnp']);
  const traffic = new ShareTraffic(federation);
  const clusterDir = mkdtempSync(path.join(tmpdir(), 'fednode-restart-pg-'));
  chmodSync(clusterDir, 0o711); // as root, the postgres user passes through it (x only)
  let port: number;
  let cluster: RunningDatabase;

  const startCluster = () => startEmbeddedPostgres({ dataDir: clusterDir, port, databaseName: 'rel_knpa' });

  async function ready(node: string): Promise<number> {
    try {
      return (await fetch(`${federation.apiUrl(node)}/health/ready`)).status;
    } catch {
      return 0;
    }
  }

  beforeAll(async () => {
    port = await freePort();
    cluster = await startCluster();
    await sql(cluster.url, 'CREATE DATABASE rel_cnp');
    await federation.prepare();
    federation.slot('kr-knpa').databaseUrl = cluster.url;
    federation.slot('kh-cnp').databaseUrl = cluster.url.replace(/\/rel_knpa$/, '/rel_cnp');
    await federation.startAll();
  }, 180_000);
  afterAll(async () => {
    await federation.stopAll();
    await cluster.stop();
  }, TEST_TIMEOUT_MS);

  it(
    'both nodes report the outage, recover by themselves, and deliver every sealed packet once',
    async () => {
      const answered: string[] = [];
      let apiErrors = 0;
      let stopLoad = false;
      const load = (async () => {
        while (!stopLoad) {
          try {
            answered.push(...(await traffic.approved('kr-knpa', 'kh-cnp', 1)));
          } catch {
            apiErrors += 1; // refused while the database is down: a clear error, nothing half-written
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      })();
      const health: Record<string, number[]> = { 'kr-knpa': [], 'kh-cnp': [] };
      let watching = true;
      const watch = (async () => {
        while (watching) {
          for (const node of Object.keys(health)) {
            const status = await ready(node);
            if (health[node].at(-1) !== status) health[node].push(status);
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      })();

      await eventually('load before the restart', async () => (answered.length >= 3 ? true : undefined), 60_000);
      const sealedBefore = answered.length;
      await cluster.stop();
      await eventually(
        'both nodes unready',
        async () => ((await ready('kr-knpa')) === 503 && (await ready('kh-cnp')) === 503 ? true : undefined),
        30_000,
        () => `${JSON.stringify(health)}\n${federation.logs()}`,
      );
      await new Promise((r) => setTimeout(r, 3000));
      cluster = await startCluster();
      await eventually(
        'both nodes ready again',
        async () => ((await ready('kr-knpa')) === 200 && (await ready('kh-cnp')) === 200 ? true : undefined),
        60_000,
        () => federation.logs(),
      );
      const afterRecovery = answered.length;
      await eventually(
        'load after the restart',
        async () => (answered.length >= afterRecovery + 3 ? true : undefined),
        60_000,
        () => federation.logs(),
      );
      stopLoad = true;
      await load;
      watching = false;
      await watch;

      // What was sealed is what kr-knpa's database holds, whatever the API managed to answer.
      const sealed = (
        await federation.sql<{ packet_id: string }>(
          'kr-knpa',
          `SELECT packet_id::text FROM delivery WHERE partner_id = 'kh-cnp'`,
        )
      ).map((r) => r.packet_id);
      expect(sealed).toEqual(expect.arrayContaining(answered));
      const ledger = await traffic.settle('database restarted under load', [
        { from: 'kr-knpa', to: 'kh-cnp', packetIds: sealed },
      ]);
      Object.assign(ledger.notes, {
        sealedBeforeRestart: sealedBefore,
        apiAnswered: answered.length,
        apiErrors,
        readiness: health,
      });
      printLedger(ledger);
      for (const node of Object.keys(health)) expect(health[node]).toEqual(expect.arrayContaining([200, 503]));
      for (const node of Object.keys(health)) expect(health[node].at(-1)).toBe(200);
      expect(ledger).toMatchObject({ rejected: {}, lost: 0, duplicated: 0 });
      expect(ledger.delivered).toBe(sealed.length);
      for (const node of ['kr-knpa', 'kh-cnp'])
        expect(federation.slot(node).processes.every((p) => p.running())).toBe(true);
    },
    TEST_TIMEOUT_MS,
  );
});
