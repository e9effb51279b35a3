import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { copyFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** What a user's terminal would not have: the test runner's own settings. */
function terminalEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|NODE_OPTIONS$|NODE_CONFIG$|DATABASE_URL$|PORT$|FEDERATION_PORT$|FEDNODE_|JEST_|TEST_PG_)/.test(key))
      continue;
    env[key] = value;
  }
  return env;
}

const FETCH_RELAY = String.raw`
import { createInterface } from 'node:readline';
createInterface({ input: process.stdin }).on('line', async (line) => {
  const { id, url, init } = JSON.parse(line);
  try {
    const response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(120000) });
    const body = await response.text();
    process.stdout.write(JSON.stringify({ id, status: response.status, location: response.headers.get('location'), body }) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ id, error: String(error && error.cause ? error.cause.code || error.cause : error) }) + '\n');
  }
});
`;

export interface RelayedResponse {
  status: number;
  location: string | null;
  body: string;
}

/** A command started in the background, in a process group of its own, as in a terminal of its own. */
export class BackgroundCommand {
  output = '';
  readonly exited: Promise<number | null>;
  constructor(
    readonly command: string,
    private readonly child: ChildProcess,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitFor(pattern: RegExp, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = pattern.exec(this.output);
      if (found) return found[0];
      if (!this.running()) throw new Error(`"${this.command}" ended before ${pattern}:\n${this.output.slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} from "${this.command}":\n${this.output.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Ctrl-C in its terminal: SIGINT to its whole foreground process group. */
  interrupt(): void {
    process.kill(-this.pid, 'SIGINT');
  }
}

/**
 * A fresh clone of this repository (with the working tree's changes) in a temporary folder, and a
 * private network namespace (`unshare -n`, root only) in which every README command runs, so that the
 * example federation's fixed ports meet nothing else on the machine.
 */
export class Sandbox {
  readonly root = mkdtempSync(path.join(tmpdir(), 'fednode-first-hour-'));
  readonly checkout = path.join(this.root, 'fed-node');
  private holder?: ChildProcess;
  private relay?: ChildProcess;
  private relayBuffer = '';
  private readonly pending = new Map<number, (answer: RelayedResponse | { error: string }) => void>();
  private nextId = 1;
  private readonly env = terminalEnv();

  constructor() {
    // As root the embedded PostgreSQL runs as "postgres", which must pass through: the README says so.
    chmodSync(this.root, 0o711);
  }

  /** git clone, then the working tree's uncommitted changes; node_modules stands in for `npm ci`. */
  clone(repo: string): void {
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', repo, this.checkout]);
    const diff = execFileSync('git', ['diff', 'HEAD', '--binary'], { cwd: repo, maxBuffer: 64 << 20 });
    if (diff.length) execFileSync('git', ['apply', '--whitespace=nowarn'], { cwd: this.checkout, input: diff });
    const untracked = execFileSync('git', ['ls-files', '--others', '--exclude-standard', '-z'], { cwd: repo })
      .toString()
      .split('\0')
      .filter(Boolean);
    for (const file of untracked) {
      mkdirSync(path.dirname(path.join(this.checkout, file)), { recursive: true });
      copyFileSync(path.join(repo, file), path.join(this.checkout, file));
    }
    symlinkSync(path.join(repo, 'node_modules'), path.join(this.checkout, 'node_modules'));
  }

  async startNetwork(): Promise<void> {
    this.holder = spawn('unshare', ['-n', '--', 'sleep', '86400'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 200));
    execFileSync('nsenter', ['-t', String(this.holder.pid), '-n', '--', 'ip', 'link', 'set', 'lo', 'up']);
    const script = path.join(this.root, 'fetch-relay.mjs');
    writeFileSync(script, FETCH_RELAY);
    this.relay = spawn('nsenter', ['-t', String(this.holder.pid), '-n', '--', process.execPath, script], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.relay.stdout!.on('data', (chunk: Buffer) => {
      this.relayBuffer += chunk.toString();
      let newline: number;
      while ((newline = this.relayBuffer.indexOf('\n')) >= 0) {
        const answer = JSON.parse(this.relayBuffer.slice(0, newline)) as { id: number } & RelayedResponse;
        this.relayBuffer = this.relayBuffer.slice(newline + 1);
        this.pending.get(answer.id)?.(answer);
        this.pending.delete(answer.id);
      }
    });
  }

  /** An HTTP request from inside the namespace (where 127.0.0.1 is the sandbox's). */
  fetch(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<RelayedResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (answer) => ('error' in answer ? reject(new Error(answer.error)) : resolve(answer)));
      this.relay!.stdin!.write(JSON.stringify({ id, url, init }) + '\n');
    });
  }

  private nsenter(bashScript: string): [string, string[]] {
    return ['nsenter', ['-t', String(this.holder!.pid), '-n', '--', 'bash', '-c', bashScript]];
  }

  /** Runs shell text in the checkout as a terminal would, to the end. */
  run(script: string, stdin = '', timeoutMs = 600_000): Promise<{ code: number | null; output: string }> {
    const [command, args] = this.nsenter(`set -eo pipefail\n${script}`);
    const child = spawn(command, args, { cwd: this.checkout, env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(stdin);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    return new Promise((resolve) =>
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      }),
    );
  }

  /** Starts a long-running command (npm start, npm run federation) as in a terminal of its own. */
  background(command: string): BackgroundCommand {
    const [program, args] = this.nsenter(command);
    const child = spawn(program, args, {
      cwd: this.checkout,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    return new BackgroundCommand(command, child);
  }

  /** Every process working in the checkout: node processes (by working folder) and PostgreSQL (by data folder). */
  processes(): { pid: number; command: string }[] {
    const found: { pid: number; command: string }[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
      try {
        const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
        const cwd = readlinkSync(`/proc/${entry}/cwd`);
        if (cwd.startsWith(this.checkout) || command.includes(this.checkout))
          found.push({ pid: Number(entry), command });
      } catch {
        // gone meanwhile
      }
    }
    return found;
  }

  /** Waits until nothing runs in the checkout any more; returns what still ran at the deadline. */
  async waitUntilNothingRuns(timeoutMs: number): Promise<{ pid: number; command: string }[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = this.processes();
      if (left.length === 0 || Date.now() > deadline) return left;
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  dispose(): void {
    for (const { pid } of this.processes()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    this.relay?.kill('SIGKILL');
    this.holder?.kill('SIGKILL');
    if (existsSync(this.root)) rmSync(this.root, { recursive: true, force: true });
  }
}
