import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import * as path from 'node:path';

/** What a PostgreSQL server asks a client for first (protocol 3.0 AuthenticationRequest). */
export interface AuthRequest {
  /** 0 ok (trust), 3 cleartext password, 5 MD5, 10 SASL. */
  code: number;
  /** For SASL: the mechanisms offered, e.g. SCRAM-SHA-256. */
  mechanisms: string[];
}

/** Opens a TCP connection as `user` and returns the server's authentication request, without answering it. */
export function authRequestOf(port: number, user = 'postgres'): Promise<AuthRequest> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const params = Buffer.from(`user\0${user}\0database\0postgres\0\0`);
    const startup = Buffer.alloc(8 + params.length);
    startup.writeInt32BE(startup.length, 0);
    startup.writeInt32BE(196608, 4); // protocol 3.0
    params.copy(startup, 8);
    let received = Buffer.alloc(0);
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer from PostgreSQL')));
    socket.on('error', reject);
    socket.on('connect', () => socket.write(startup));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 5) return;
      const length = received.readInt32BE(1);
      if (received.length < 1 + length) return;
      socket.destroy();
      if (received[0] !== 'R'.charCodeAt(0)) {
        reject(new Error(`unexpected first message ${String.fromCharCode(received[0])}: ${received.toString()}`));
        return;
      }
      const code = received.readInt32BE(5);
      const mechanisms =
        code === 10
          ? received
              .subarray(9, 1 + length)
              .toString()
              .split('\0')
              .filter(Boolean)
          : [];
      resolve({ code, mechanisms });
    });
  });
}

const CLUSTER_SCRIPT = String.raw`
const [moduleUrl, dataDir, port] = process.argv.slice(1);
const { startEmbeddedPostgres } = await import(moduleUrl);
try {
  const database = await startEmbeddedPostgres({ dataDir, port: Number(port), databaseName: 'postgres' });
  process.stdout.write('ready\n');
  process.stdin.on('data', () => undefined);
  process.stdin.on('end', async () => { await database.stop(); process.exit(0); });
} catch (error) {
  process.stdout.write('failed: ' + (error instanceof Error ? error.message : String(error)) + '\n');
  process.exit(1);
}
`;

/**
 * An embedded cluster started by the built node code (dist/) inside its own network namespace
 * (`unshare -n`, root only), as a second checkout in a container or namespace would run it.
 */
export class ClusterInNetns {
  output = '';
  private readonly child: ChildProcess;
  private readonly closed: Promise<number | null>;

  constructor(repoRoot: string, dataDir: string, port: number) {
    const moduleUrl = `file://${path.join(repoRoot, 'dist', 'database', 'embedded-postgres.js')}`;
    this.child = spawn(
      'unshare',
      [
        '-n',
        '--',
        'sh',
        '-c',
        'ip link set lo up && exec "$0" --input-type=module -e "$1" "$2" "$3" "$4"',
        process.execPath,
        CLUSTER_SCRIPT,
        moduleUrl,
        dataDir,
        String(port),
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.closed = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  /** Resolves "ready" once the cluster serves, or the failure line if it could not start. */
  async started(timeoutMs = 120_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const line = this.output.split('\n').find((l) => l === 'ready' || l.startsWith('failed:'));
      if (line) return line;
      if (this.child.exitCode !== null) return `exited ${this.child.exitCode}: ${this.output}`;
      if (Date.now() > deadline) return `timed out: ${this.output}`;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<number | null> {
    this.child.stdin!.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    const code = await this.closed;
    clearTimeout(timer);
    return code;
  }
}
