import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { verifyAuditChain, type AuditVerification } from '../audit/audit-verification.js';
import { ConfigError, loadNodeConfig } from '../config/node-config.loader.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { openDataSource } from '../database/data-source.js';
import { openNodeDatabase } from '../database/node-database.js';
import { pkiPaths } from '../identity/dev-federation.js';
import { loadTrustAnchors } from '../identity/node-identity.loader.js';
import { createLogger } from '../logging/logger.js';

const USAGE = `Usage: npm run audit:verify [-- --json]
Walks the node's audit trail from the first entry, checks every hash link and every checkpoint
signature against the node's certificate and its trust anchors, and reports the first broken link.
Exit code 0: intact; 1: broken; 2: usage or configuration error. The node's config is NODE_CONFIG
(default config/kr-knpa.yaml). Works whether or not the node is running; needs no private key.`;

class UsageError extends Error {}

/** Opens the node's database (embedded or DATABASE_URL) just for the walk. */
async function verify(config: NodeConfig): Promise<AuditVerification> {
  const logger = createLogger({ level: 'error', nodeId: config.id, destination: process.stderr });
  const trustAnchorsPem = await loadTrustAnchors(config, pkiPaths(config.pkiDir).nodeCaCert(config.id), logger);
  const database = await openNodeDatabase(config);
  try {
    const db = await openDataSource(database.url);
    try {
      return await verifyAuditChain(db, config, trustAnchorsPem);
    } finally {
      await db.destroy();
    }
  } finally {
    await database.stop();
  }
}

/** What an auditor reads: the state of the chain and, when broken, where and why. */
function report(config: NodeConfig, summary: AuditVerification, now: Date): string[] {
  const lines = [
    `audit trail of ${config.id}: ${summary.entries} entries verified, ${summary.checkpoints} signed checkpoints`,
  ];
  if (summary.entries > 0)
    lines.push(`  head: entry ${summary.headSeq} (${summary.headOccurredAt}), hash ${summary.headHash}`);
  lines.push(
    summary.lastCheckpointSeq === null
      ? '  no checkpoint yet: nothing is vouched for by the node key'
      : `  last checkpoint: entry ${summary.lastCheckpointSeq} (${summary.lastCheckpointAt}); ${summary.uncheckpointed} entries after it are not signed yet`,
  );
  lines.push(
    summary.anchoredSeq === null
      ? `  no checkpoint copies in ${summary.anchorFile} (run audit:verify where the node runs to compare with them)`
      : `  newest checkpoint copied outside the database: entry ${summary.anchoredSeq} (${summary.anchorFile})`,
  );
  const staleSeconds = summary.headOccurredAt ? (now.getTime() - Date.parse(summary.headOccurredAt)) / 1000 : 0;
  if (summary.uncheckpointed > 0 && staleSeconds > 2 * config.audit.checkpointIntervalSeconds) {
    lines.push(
      `  warning: the newest unsigned entry is ${Math.round(staleSeconds)} s old; a running node signs within ${config.audit.checkpointIntervalSeconds} s. ` +
        'Either the node has been down, or entries after the last checkpoint were removed (truncation after a checkpoint cannot be proven from the database alone).',
    );
  }
  if (summary.firstBreak) lines.push(`BROKEN at entry ${summary.firstBreak.seq}: ${summary.firstBreak.problem}`);
  else lines.push('OK: every hash link and every checkpoint signature verifies');
  return lines;
}

async function run(argv: string[]): Promise<{ output: string; code: number }> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: { json: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) throw new UsageError('');
  const config = loadNodeConfig();
  const summary = await verify(config);
  const output = values.json
    ? JSON.stringify({ nodeId: config.id, ...summary })
    : report(config, summary, new Date()).join('\n');
  return { output, code: summary.firstBreak ? 1 : 0 };
}

run(process.argv.slice(2)).then(
  ({ output, code }) => {
    process.stdout.write(output + '\n');
    process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof UsageError)
      process.stderr.write(`${error.message ? `audit:verify: ${error.message}\n` : ''}${USAGE}\n`);
    else if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`audit:verify: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof UsageError && !error.message ? 0 : 2);
  },
);
