import type { Role } from './types';

// What the audit trail reads to name and link the records its entries are about: one request per page
// of the trail, asking only for the lists the reader's roles may read (a field the node refuses would
// fail the whole request).

export interface AuditShareName {
  id: string;
  kind: string;
  status?: string;
  caseId: string | null;
  caseReference: string | null;
  inReplyTo: string | null;
  partnerId: string;
  packetId: string | null;
}

export interface AuditNamesAnswer {
  sent?: AuditShareName[];
  shares?: AuditShareName[];
  cases?: { id: string; reference: string; title: string }[];
  inbound?: { id: string; packetId: string; caseReference: string | null; title: string | null; originNode: string }[];
  accounts?: { id: string; username: string }[];
}

const SHARE_NAME = `id kind caseId caseReference inReplyTo partnerId packetId`;

/** Each list, with the roles the node lets read it. */
export const AUDIT_NAME_PARTS: { key: keyof AuditNamesAnswer; roles: Role[]; field: string }[] = [
  { key: 'sent', roles: ['AUDITOR'], field: `sent: sentShares(first: 200) { ${SHARE_NAME} }` },
  {
    key: 'shares',
    roles: ['ANALYST', 'LIAISON_OFFICER'],
    field: `shares: shareRequests(first: 200) { ${SHARE_NAME} status }`,
  },
  { key: 'cases', roles: ['ANALYST', 'LIAISON_OFFICER'], field: `cases: cases(first: 200) { id reference title }` },
  {
    key: 'inbound',
    roles: ['ANALYST', 'LIAISON_OFFICER'],
    field: `inbound: inboundPackets(first: 200) { id packetId caseReference title originNode }`,
  },
  { key: 'accounts', roles: ['ADMIN'], field: `accounts: users { id username }` },
];

/** The one query naming a page of the trail for a reader with these roles; undefined when they may read none. */
export function auditNamesQuery(has: (...roles: Role[]) => boolean): string | undefined {
  const fields = AUDIT_NAME_PARTS.filter((part) => has(...part.roles)).map((part) => part.field);
  return fields.length ? `query AuditNames { ${fields.join(' ')} }` : undefined;
}
