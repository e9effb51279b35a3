import type { DataSource } from 'typeorm';
import { AuditChainWalker, type ChainSummary, type CheckpointCheck } from './audit-chain.js';
import { recordOf } from './audit.service.js';
import { AuditEntry } from './entities/audit-entry.entity.js';

const BATCH = 2000;

/**
 * Walks the whole stored chain in sequence order, a batch at a time (keyset paging on seq, so memory
 * stays flat however long the trail is), and stops at the first broken link.
 */
export async function verifyAuditTrail(db: DataSource, check: CheckpointCheck): Promise<ChainSummary> {
  const walker = new AuditChainWalker(check);
  let after = '0';
  for (;;) {
    const rows = await db
      .getRepository(AuditEntry)
      .createQueryBuilder('e')
      .where('e.seq > :after', { after })
      .orderBy('e.seq', 'ASC')
      .take(BATCH)
      .getMany();
    for (const row of rows) walker.push(recordOf(row));
    if (rows.length < BATCH || walker.isBroken) break;
    after = rows[rows.length - 1].seq;
  }
  return walker.summary();
}
