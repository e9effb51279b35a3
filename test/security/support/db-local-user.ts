import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * "Another local user" of the machine: a process running as `nobody` (uid switched with util-linux
 * `setpriv`, so the test needs root) that watches the folders a starting node writes to, reads every
 * file it is allowed to read, and then tries to log in to the node's PostgreSQL as its superuser
 * with every line it found, over TCP and over every Unix socket it can see.
 */
export interface LocalUserReport {
  /** Every file the local user managed to read, with its content. */
  read: { file: string; content: string }[];
  /** The first way it got a superuser session, if any ("tcp" or a socket path). */
  connectedAsSuperuser: string | null;
  /** Why each connection attempt failed, for the failure message. */
  attempts: string[];
}

const WATCHER = String.raw`
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
const [repoRoot, port, shallow, ...dirs] = process.argv.slice(2);
const pg = createRequire(path.join(repoRoot, 'package.json'))('pg');
const read = new Map();
const sockets = new Set();
function visit(file, depth, maxDepth) {
  let stat;
  try { stat = statSync(file); } catch { return; }
  if (stat.isSocket()) { if (path.basename(file).startsWith('.s.PGSQL.')) sockets.add(path.dirname(file)); return; }
  if (stat.isDirectory()) {
    if (depth > maxDepth) return;
    let names = [];
    try { names = readdirSync(file); } catch { return; }
    for (const name of names) visit(path.join(file, name), depth + 1, maxDepth);
    return;
  }
  if (!stat.isFile() || stat.size > 4096 || read.has(file)) return;
  try { read.set(file, readFileSync(file, 'utf8')); } catch { /* not readable by this user */ }
}
let watching = true;
visit(shallow, 0, 0);
// What was in the shared folder before the node started is not the node's: only new files count.
const before = new Set(read.keys());
process.stderr.write('watching\n');
process.stdin.on('data', () => undefined);
process.stdin.on('end', () => { watching = false; });
while (watching) {
  visit(shallow, 0, 0);
  for (const dir of dirs) visit(dir, 0, 8);
  await new Promise((r) => setTimeout(r, 2));
}
const candidates = new Set();
const interesting = (file) => (/pass|secret|pw/i.test(file) ? 0 : 1);
for (const [file, content] of [...read].sort((a, b) => interesting(a[0]) - interesting(b[0])))
  if (!before.has(file)) for (const line of content.split('\n')) if (line.trim() && line.length < 200 && candidates.size < 100) candidates.add(line.trim());
const attempts = [];
let connectedAsSuperuser = null;
const targets = [['tcp', { host: '127.0.0.1', port: Number(port) }], ...[...sockets].map((dir) => [dir, { host: dir, port: Number(port) }])];
for (const [how, where] of targets) {
  for (const password of candidates.size ? candidates : new Set(['(none found)'])) {
    if (connectedAsSuperuser) break;
    const client = new pg.Client({ ...where, user: 'postgres', database: 'postgres', password, connectionTimeoutMillis: 3000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
      if (rows[0]?.rolsuper) connectedAsSuperuser = how;
      await client.end();
    } catch (error) {
      attempts.push(how + ': ' + (error instanceof Error ? error.message : String(error)));
    }
  }
}
process.stdout.write(JSON.stringify({ read: [...read].filter(([file]) => !before.has(file)).map(([file, content]) => ({ file, content })), connectedAsSuperuser, attempts }));
`;

export class LocalUser {
  private readonly child: ChildProcess;
  private output = '';
  private errors = '';
  private readonly done: Promise<number | null>;
  private readonly scriptDir: string;

  /**
   * Starts watching, as the user `nobody`, the top of the shared temporary folder and everything under
   * `dirs`; when told to finish, tries the superuser login on `port`.
   */
  constructor(repoRoot: string, port: number, dirs: string[]) {
    const scriptDir = mkdtempSync(path.join(tmpdir(), 'fednode-local-user-'));
    this.scriptDir = scriptDir;
    chmodSync(scriptDir, 0o755);
    const script = path.join(scriptDir, 'watch.mjs');
    writeFileSync(script, WATCHER, { mode: 0o644 });
    this.child = spawn(
      'setpriv',
      [
        '--reuid=nobody',
        '--regid=nogroup',
        '--clear-groups',
        '--',
        process.execPath,
        script,
        repoRoot,
        String(port),
        tmpdir(),
        ...dirs,
      ],
      { stdio: ['pipe', 'pipe', 'pipe'], cwd: '/' },
    );
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.errors += chunk.toString()));
    this.done = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  /** Resolves once the watcher has taken stock of what was there before. */
  async watching(): Promise<void> {
    while (!this.errors.includes('watching\n')) {
      if (this.child.exitCode !== null) throw new Error(`the local user's watcher failed: ${this.errors}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Stops watching, tries the passwords it found, and reports. */
  async finish(): Promise<LocalUserReport> {
    this.child.stdin!.end();
    const code = await this.done;
    rmSync(this.scriptDir, { recursive: true, force: true });
    if (code !== 0) throw new Error(`the local user's watcher failed (${code}): ${this.errors}`);
    return JSON.parse(this.output) as LocalUserReport;
  }
}

/** True when the tests run as root, which the uid switch needs (CI and these machines do). */
export const RUNS_AS_ROOT = process.getuid?.() === 0;
