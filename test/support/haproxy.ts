import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { NodeProcess } from './node-process.js';

/** One replica behind the balancer: its officers' API port and its mutual-TLS peer port. */
export interface Replica {
  name: string;
  apiPort: number;
  federationPort: number;
}

const HAPROXY = process.env.HAPROXY ?? 'haproxy';

/**
 * The balancer's configuration, the same shape as docker/haproxy/kr-knpa.cfg: officers' HTTP
 * round-robin per request (a websocket, once upgraded, stays on its replica), mutual TLS passed
 * through in TCP mode (the replicas share the node's certificate), both health-checked on
 * /health/ready. X-Served-By names the replica that answered.
 */
export function haproxyConfig(options: {
  apiPort: number;
  federationPort: number;
  replicas: Replica[];
  statsSocket: string;
}): string {
  const servers = (port: (r: Replica) => number, check: string) =>
    options.replicas.map((r) => `  server ${r.name} 127.0.0.1:${port(r)} ${check}`).join('\n');
  return `global
  stats socket ${options.statsSocket} mode 600 level admin

defaults
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  timeout tunnel 1h
  retries 3
  # A connection refused by a replica that died is retried on another one at once.
  option redispatch 1
  default-server inter 500ms fall 2 rise 1

frontend officers
  mode http
  bind 127.0.0.1:${options.apiPort}
  default_backend api

backend api
  mode http
  balance roundrobin
  option forwardfor
  option httpchk GET /health/ready
  http-check expect status 200
  http-response set-header X-Served-By %[srv_name]
${servers((r) => r.apiPort, 'check')}

frontend peers
  mode tcp
  bind 127.0.0.1:${options.federationPort}
  default_backend peer

backend peer
  mode tcp
  balance roundrobin
  option httpchk GET /health/ready
  http-check expect status 200
${options.replicas.map((r) => `  server ${r.name} 127.0.0.1:${r.federationPort} check port ${r.apiPort}`).join('\n')}
`;
}

/** The ports a running node process listens on, from its start-up log. */
export function replicaOf(name: string, node: NodeProcess): Replica {
  const entries = node.logEntries();
  const api = entries.find((e) => e.event === 'node.started')?.graphql;
  const federation = entries.find((e) => e.event === 'federation.listening')?.url;
  if (!api || !federation) throw new Error(`${name} has not logged its ports yet`);
  return {
    name,
    apiPort: Number(new URL(String(api)).port),
    federationPort: Number(new URL(String(federation)).port),
  };
}

/** Debian's HAProxy as a child process (`haproxy -db`), in front of replicas of one node on loopback. */
export class HaproxyBalancer {
  private readonly exited: Promise<number | null>;
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly apiPort: number,
    readonly federationPort: number,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.apiPort}`;
  }

  /**
   * Starts HAProxy on the given free ports (the caller's: a .mjs helper is not in the benchmarks'
   * build) and waits until every replica passes its health check.
   */
  static async start(
    replicas: Replica[],
    ports: { api: number; federation: number },
    timeoutMs = 30_000,
  ): Promise<HaproxyBalancer> {
    const version = spawnSync(HAPROXY, ['-v'], { encoding: 'utf8' });
    if (version.error)
      throw new Error(`${HAPROXY} cannot be run (${version.error.message}): apt-get install haproxy (.ci/run does)`);
    const dir = mkdtempSync(path.join(tmpdir(), 'fednode-haproxy-'));
    const configFile = path.join(dir, 'haproxy.cfg');
    const { api: apiPort, federation: federationPort } = ports;
    const statsSocket = path.join(dir, 'admin.sock');
    writeFileSync(configFile, haproxyConfig({ apiPort, federationPort, replicas, statsSocket }));
    const child = spawn(HAPROXY, ['-db', '-f', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    const balancer = new HaproxyBalancer(child, dir, apiPort, federationPort);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}): ${balancer.output}`);
      const states = await balancer.serverStates().catch(() => ({}) as Record<string, string>);
      const expected = replicas.length * 2;
      if (Object.values(states).filter((s) => s === 'UP').length === expected) return balancer;
      if (Date.now() > deadline) {
        await balancer.stop();
        throw new Error(`haproxy: not every replica is UP after ${timeoutMs} ms: ${JSON.stringify(states)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Health of each server as HAProxy sees it (`backend/server` → UP, DOWN, …), from its stats socket. */
  async serverStates(): Promise<Record<string, string>> {
    const csv = await new Promise<string>((resolve, reject) => {
      const socket = connect(path.join(this.dir, 'admin.sock'));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.end('show stat\n');
    });
    const states: Record<string, string> = {};
    for (const line of csv.split('\n')) {
      const [proxy, server, ...rest] = line.split(',');
      if (!proxy || line.startsWith('#') || server === 'FRONTEND' || server === 'BACKEND') continue;
      states[`${proxy}/${server}`] = rest[15]?.split(' ')[0] ?? '';
    }
    return states;
  }

  logs(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
