import type { TaxiiInboxItem } from './entities/taxii-inbox-item.entity.js';
import type { TaxiiStatus } from './entities/taxii-status.entity.js';

// The TAXII 2.1 status resource (§4.3.1) of an Add Objects request, from what the node stored.

interface StatusDetails {
  id: string;
  version: string;
  message?: string;
}

function details(item: Pick<TaxiiInboxItem, 'objectId' | 'objectVersion' | 'message'>): StatusDetails {
  return {
    id: item.objectId,
    version: item.objectVersion,
    ...(item.message !== null && item.message !== '' ? { message: item.message } : {}),
  };
}

/** Counts always; the lists only when not empty (TAXII lists are never empty, §2). */
export function statusResource(
  status: TaxiiStatus,
  items: readonly Pick<TaxiiInboxItem, 'position' | 'objectId' | 'objectVersion' | 'message' | 'state'>[],
): object {
  const ordered = [...items].sort((a, b) => a.position - b.position);
  const of = (state: TaxiiInboxItem['state']) => ordered.filter((item) => item.state === state).map(details);
  const successes = of('SUCCESS');
  const failures = of('FAILURE');
  const pendings = of('PENDING');
  return {
    id: status.id,
    status: pendings.length > 0 ? 'pending' : 'complete',
    request_timestamp: status.requestTimestamp,
    total_count: status.totalCount,
    success_count: successes.length,
    ...(successes.length > 0 ? { successes } : {}),
    failure_count: failures.length,
    ...(failures.length > 0 ? { failures } : {}),
    pending_count: pendings.length,
    ...(pendings.length > 0 ? { pendings } : {}),
  };
}
