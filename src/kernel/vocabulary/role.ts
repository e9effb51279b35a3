/** What an officer account may do on this node. */
export enum Role {
  ANALYST = 'ANALYST',
  LIAISON_OFFICER = 'LIAISON_OFFICER',
  ADMIN = 'ADMIN',
  AUDITOR = 'AUDITOR',
  /** At an exchange: works freeze and information requests; a second one approves each answer. */
  COMPLIANCE_OFFICER = 'COMPLIANCE_OFFICER',
}

export const ALL_ROLES = Object.values(Role);

/** What a node is: an agency (cases, shares, requests) or a virtual-asset exchange (answers, screening). */
export const NODE_KINDS = ['agency', 'exchange'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/**
 * The roles that mean something on each kind of node. An exchange has no cases of its own, so no
 * analysts or liaison officers; an agency has no compliance desk.
 */
export const ROLES_OF_NODE_KIND: Readonly<Record<NodeKind, readonly Role[]>> = {
  agency: [Role.ANALYST, Role.LIAISON_OFFICER, Role.ADMIN, Role.AUDITOR],
  exchange: [Role.COMPLIANCE_OFFICER, Role.ADMIN, Role.AUDITOR],
};

/** The roles of `roles` that do not exist on a node of this kind (empty when all fit). */
export function rolesOutsideNodeKind(roles: readonly Role[], kind: NodeKind): Role[] {
  return roles.filter((role) => !ROLES_OF_NODE_KIND[kind].includes(role));
}

export function parseRoles(text: string): Role[] {
  const roles = text
    .split(',')
    .map((r) => r.trim().toUpperCase())
    .filter(Boolean);
  const unknown = roles.filter((r) => !ALL_ROLES.includes(r as Role));
  if (unknown.length || roles.length === 0) {
    throw new Error(`unknown role(s) "${unknown.join(', ') || text}"; expected one or more of ${ALL_ROLES.join(', ')}`);
  }
  return [...new Set(roles as Role[])];
}
