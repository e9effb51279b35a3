import type { DataSource } from 'typeorm';
import type { NodeConfig } from '../config/node-config.schema.js';
import { sodiumReady } from '../kernel/crypto/sodium.js';
import { anchorProblem, defaultAnchorFile, readAnchors } from './audit-anchor.js';
import type { ChainSummary } from './audit-chain.js';
import { checkpointChecker } from './audit-checkpoint.js';
import { verifyAuditTrail } from './audit-trail.reader.js';

export interface AuditVerification extends ChainSummary {
  anchorFile: string;
  /** The newest checkpoint copied outside the database, if any. */
  anchoredSeq: number | null;
}

/**
 * The chain as stored, then compared with the newest checkpoint the node copied outside the database
 * (which catches the newest entries cut together with their checkpoint). Shared by `npm run audit:verify`
 * and the auditors' `verifyAuditChain` query; needs no private key.
 */
export async function verifyAuditChain(
  db: DataSource,
  config: NodeConfig,
  trustAnchorsPem: string[],
): Promise<AuditVerification> {
  const anchorFile = config.audit.anchorFile ?? defaultAnchorFile(config.dataDir);
  const anchors = await readAnchors(anchorFile);
  const newest = anchors.reduce<(typeof anchors)[number] | null>(
    (max, a) => (max === null || a.seq > max.seq ? a : max),
    null,
  );
  const check = checkpointChecker(await sodiumReady(), { nodeId: config.id, trustAnchorsPem });
  const summary = await verifyAuditTrail(db, check);
  if (newest && !summary.firstBreak) {
    const [stored] = (await db.query('SELECT hash FROM audit_entry WHERE seq = $1', [newest.seq])) as {
      hash: string;
    }[];
    const problem = anchorProblem(newest, stored, summary.headSeq);
    if (problem) summary.firstBreak = { seq: Math.min(newest.seq, summary.headSeq + 1), problem };
  }
  return { ...summary, anchorFile, anchoredSeq: newest?.seq ?? null };
}
