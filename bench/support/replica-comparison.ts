import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { Role } from '../../src/kernel/vocabulary/role.js';
import type { ProgressReporter } from '../../src/common/progress/progress-reporter.js';
import { PeerStandIn } from '../../test/reliability/support/peer-stand-in.js';
import { HaproxyBalancer, replicaOf } from '../../test/support/haproxy.js';
import { NodeProcess } from '../../test/support/node-process.js';
import { BenchFederation } from './bench-federation.js';
import { BenchPostgres, freePort } from './bench-postgres.js';
import { KindStats, LOAD_WORKERS, officerToken, runMix, type Kind, type LoadTargets } from './load-mix.js';
import { fmtInt, fmtSec } from './progress.js';

const NODE = 'kh-cnp';
const PEERS = ['kr-knpa', 'asean-hub'];
const REPLICAS = 3;

interface Setup {
  label: string;
  replicas: number;
  elapsed: number;
  stats: Record<Kind, KindStats>;
}

function emptyStats(): Record<Kind, KindStats> {
  return Object.fromEntries((Object.keys(LOAD_WORKERS) as Kind[]).map((k) => [k, new KindStats()])) as Record<
    Kind,
    KindStats
  >;
}

/**
 * One run of the load mix on a fresh database: `replicas` node processes of kh-cnp, and with more
 * than one, HAProxy in front (officers' API and peer endpoint, as test/replicas/ runs them).
 */
async function runSetup(
  federation: BenchFederation,
  postgres: BenchPostgres,
  replicas: number,
  seconds: number,
  progress: ProgressReporter,
): Promise<Setup> {
  const label = replicas === 1 ? 'one replica' : `${replicas} replicas behind HAProxy`;
  await federation.reset(postgres, replicas === 1 ? 'one' : 'many');
  const node = federation.node(NODE);
  const processes: NodeProcess[] = [await federation.start(NODE)];
  let balancer: HaproxyBalancer | undefined;
  try {
    const extra = Array.from({ length: replicas - 1 }, async () => {
      const child = new NodeProcess({
        NODE_CONFIG: node.configFile,
        DATABASE_URL: node.databaseUrl,
        PORT: String(await freePort()),
        FEDERATION_PORT: String(await freePort()),
      });
      processes.push(child);
      await child.waitForLog('node.started', 120_000);
    });
    await Promise.all(extra);
    const backends = processes.map((p, i) => replicaOf(`replica-${i + 1}`, p));
    if (replicas > 1)
      balancer = await HaproxyBalancer.start(backends, { api: await freePort(), federation: await freePort() });
    const apiUrl = balancer?.apiUrl ?? `http://127.0.0.1:${backends[0].apiPort}`;
    const targets: LoadTargets = {
      apiUrl,
      analystToken: await officerToken(node.databaseUrl, apiUrl, 'load-analyst', [Role.ANALYST]),
      receiver: { id: NODE, federationPort: balancer?.federationPort ?? backends[0].federationPort },
      peers: await Promise.all(PEERS.map((id) => PeerStandIn.load(federation.root, id, federation.nodeIds))),
    };
    progress.line(`${label}: warming up, then ${seconds} s of load through ${apiUrl}`);
    await runMix(targets, Math.min(5, seconds), { workers: LOAD_WORKERS }, emptyStats());
    const stats = emptyStats();
    const started = performance.now();
    await runMix(targets, seconds, { workers: LOAD_WORKERS }, stats);
    return { label, replicas, elapsed: (performance.now() - started) / 1000, stats };
  } finally {
    await balancer?.stop();
    await Promise.all(
      processes.map(async (child) => {
        const killer = setTimeout(() => void child.stop('SIGKILL'), 15_000);
        await child.stop('SIGTERM');
        clearTimeout(killer);
      }),
    );
  }
}

function table(setups: Setup[]): string[] {
  const kinds = Object.keys(LOAD_WORKERS) as Kind[];
  const head = setups.map((s) => s.label.padStart(36)).join('');
  const sub = setups.map(() => '     req/s    p99 ms    errors'.padStart(36)).join('');
  return [
    `  ${''.padEnd(16)}${head}`,
    `  ${'kind'.padEnd(16)}${sub}`,
    ...kinds.map(
      (kind) =>
        `  ${kind.padEnd(16)}` +
        setups
          .map((s) => {
            const k = s.stats[kind];
            const cells = [
              (k.latencies.length / s.elapsed).toFixed(1).padStart(10),
              k.percentile(99).toFixed(1).padStart(10),
              String(k.errors).padStart(10),
            ];
            return cells.join('').padStart(36);
          })
          .join(''),
    ),
  ];
}

/**
 * `npm run bench:load -- --replicas`: the load of load.bench.ts against one kh-cnp process, then
 * against three behind HAProxy (each on a fresh database), side by side. Exits 1 on any error.
 * Writes bench/results/load-replicas.json.
 */
export async function compareReplicas(seconds: number, progress: ProgressReporter): Promise<void> {
  const postgres = await BenchPostgres.start((line) => progress.line(line));
  const federation = new BenchFederation([NODE, ...PEERS]);
  try {
    await federation.preparePki();
    const setups: Setup[] = [];
    for (const replicas of [1, REPLICAS])
      setups.push(await runSetup(federation, postgres, replicas, seconds, progress));
    const errors = setups.reduce((sum, s) => sum + Object.values(s.stats).reduce((n, k) => n + k.errors, 0), 0);
    progress.line(
      [
        '',
        `Mixed load on ${NODE}: one replica, then ${REPLICAS} replicas on one database behind HAProxy; ${fmtSec(seconds)} s each; ${cpus().length} cores, load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
        `closed-loop workers: ${LOAD_WORKERS.screening} screening, ${LOAD_WORKERS['case write']} case writers, ${LOAD_WORKERS['inbound packet']} per peer × ${PEERS.length} peers; all processes share this machine`,
        '',
        ...table(setups),
        '',
        errors === 0
          ? 'errors: 0'
          : `ERRORS: ${fmtInt(errors)}\n${setups
              .flatMap((s) =>
                Object.entries(s.stats).flatMap(([kind, k]) =>
                  k.errorSamples.map((e) => `  ${s.label}, ${kind}: ${e}`),
                ),
              )
              .join('\n')}`,
      ].join('\n'),
    );
    const resultsDir = path.resolve('bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const report = setups.map((s) => ({
      setup: s.label,
      replicas: s.replicas,
      seconds: s.elapsed,
      results: Object.fromEntries(
        Object.entries(s.stats).map(([kind, k]) => [
          kind,
          {
            requests: k.latencies.length,
            perSecond: k.latencies.length / s.elapsed,
            p99: k.percentile(99),
            errors: k.errors,
          },
        ]),
      ),
    }));
    writeFileSync(
      path.join(resultsDir, 'load-replicas.json'),
      JSON.stringify({ generatedAt: new Date().toISOString(), node: process.version, setups: report }, null, 2),
    );
    progress.line(`wrote ${path.join('bench', 'results', 'load-replicas.json')}`);
    if (errors > 0) process.exitCode = 1;
  } finally {
    await federation.stopAll().catch(() => undefined);
    await postgres.stop().catch(() => undefined);
    federation.removeFiles();
  }
}
