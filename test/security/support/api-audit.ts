import type { TestNode } from '../../support/test-node.js';

export interface AuditView {
  type: string;
  actor: string | null;
  subjectType: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
}

/**
 * The audit trail as an auditor reads it (newest first). The filter names no event type, so on a
 * node without the new types the query still runs and simply finds nothing.
 */
export async function auditTrail(
  node: TestNode,
  auditorToken: string,
  filter: { actor?: string; subjectType?: string; subjectId?: string } = {},
): Promise<AuditView[]> {
  const answer = await node.graphql<{ auditLog: { entries: AuditView[] } }>(
    'query ($f: AuditLogFilter) { auditLog(filter: $f, first: 500) { entries { type actor subjectType subjectId details } } }',
    { f: filter },
    auditorToken,
  );
  if (!answer.data) throw new Error(JSON.stringify(answer.errors));
  return answer.data.auditLog.entries;
}
