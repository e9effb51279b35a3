import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { PasswordHasher } from '../auth/password-hasher.js';
import { createProgressReporter } from '../common/progress/progress-reporter.js';
import { loadNodeConfig } from '../config/node-config.loader.js';
import { openDataSource } from '../database/data-source.js';
import { openNodeDatabase } from '../database/node-database.js';
import { createDevFederation } from '../identity/dev-federation.js';
import { EXAMPLE_NODE_IDS } from '../identity/identity-ids.js';
import { OfficerAccount } from '../officers/entities/officer-account.entity.js';
import { standaloneAuditService } from '../audit/audit.service.js';
import { OfficerAccountService } from '../officers/officer-account.service.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-accounts.js';

/**
 * `npm run federation`: the five example nodes on this machine, each with its own embedded PostgreSQL,
 * the dev PKI created on first run, demo accounts on every node. Logs go to data/logs/<node>.log.
 */
/** The node processes started, so that a failed start stops them rather than leaving them running. */
const children = new Map<string, ChildProcess>();

async function main(): Promise<void> {
  const report = await createDevFederation({ dataDir: 'data' });
  const created = report.steps.filter((s) => s.action !== 'skipped').length;
  process.stdout.write(created ? `dev PKI: ${created} files created under data/\n` : 'dev PKI: in place\n');

  // Each node's embedded PostgreSQL starts (and is initialised on the first run) to seed the accounts: slow.
  const progress = createProgressReporter({ stream: process.stdout, intervalMs: 0 });
  const seeding = progress.task('databases and demo accounts', EXAMPLE_NODE_IDS.length);
  try {
    for (const id of EXAMPLE_NODE_IDS) {
      await seedDemoAccounts(id);
      seeding.increment(1, id);
    }
    seeding.finish();
  } catch (error) {
    progress.close();
    throw error;
  }

  mkdirSync('data/logs', { recursive: true });
  for (const id of EXAMPLE_NODE_IDS) {
    const log = createWriteStream(path.join('data', 'logs', `${id}.log`), { flags: 'a' });
    const child = spawn(process.execPath, ['dist/main.js'], {
      env: { ...process.env, NODE_CONFIG: `config/${id}.yaml`, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.on('exit', (code, signal) => {
      children.delete(id);
      if (!stopping) process.stdout.write(`${id} exited (${signal ?? code}); see data/logs/${id}.log\n`);
    });
    children.set(id, child);
  }
  const starting = progress.task('nodes ready', children.size);
  try {
    await Promise.all([...children.keys()].map((id) => waitUntilServing(id).then(() => starting.increment(1, id))));
    starting.finish();
  } finally {
    progress.close(); // a bar's redraw timer would keep the process alive
  }

  process.stdout.write('\nThe example federation is running:\n');
  for (const id of EXAMPLE_NODE_IDS) {
    const config = loadNodeConfig({ file: `config/${id}.yaml`, env: {} });
    process.stdout.write(`  ${id.padEnd(10)} GraphQL http://${config.listen.host}:${config.listen.port}/graphql   peers https://${config.federation.host}:${config.federation.port}\n`);
  }
  process.stdout.write(`\nDemo logins on every node (password "${DEMO_PASSWORD}"):\n`);
  for (const user of DEMO_USERS) process.stdout.write(`  ${user.username.padEnd(10)} ${user.roles.join(', ')}\n`);
  process.stdout.write('\nRun the scripted scenario with: npm run demo     Stop with Ctrl-C.\n');

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nstopping the federation…\n');
    for (const child of children.values()) child.kill('SIGTERM');
    const check = setInterval(() => {
      if (children.size === 0) {
        clearInterval(check);
        process.exit(0);
      }
    }, 200);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function seedDemoAccounts(nodeId: string): Promise<void> {
  const config = loadNodeConfig({ file: `config/${nodeId}.yaml`, env: { ...process.env, DATABASE_URL: '' } });
  const database = await openNodeDatabase(config);
  try {
    const db = await openDataSource(database.url);
    try {
      const accounts = new OfficerAccountService(db.getRepository(OfficerAccount), new PasswordHasher(), standaloneAuditService(db));
      for (const user of DEMO_USERS) {
        if (!(await accounts.findByUsername(user.username))) await accounts.create({ username: user.username, password: DEMO_PASSWORD, roles: user.roles }, 'demo');
      }
    } finally {
      await db.destroy();
    }
  } finally {
    await database.stop();
  }
}

async function waitUntilServing(nodeId: string): Promise<void> {
  const config = loadNodeConfig({ file: `config/${nodeId}.yaml`, env: {} });
  const url = `http://${config.listen.host}:${config.listen.port}/health/ready`;
  // Five nodes and five PostgreSQL servers starting at once on a small, busy machine take a while.
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${nodeId} did not become ready; see data/logs/${nodeId}.log`);
}

main().catch((error: unknown) => {
  process.stderr.write(`federation: ${error instanceof Error ? error.message : String(error)}\n`);
  for (const child of children.values()) child.kill('SIGTERM');
  process.exitCode = 1;
});

