import { Role, type NodeKind } from '../kernel/vocabulary/role.js';

/** Accounts `npm run federation` creates on every example node; development data only. */
export const DEMO_PASSWORD = 'demo-password-2026';

export const DEMO_USERS: { username: string; roles: Role[] }[] = [
  { username: 'analyst', roles: [Role.ANALYST] },
  { username: 'liaison', roles: [Role.LIAISON_OFFICER] },
  { username: 'admin', roles: [Role.ADMIN] },
  { username: 'auditor', roles: [Role.AUDITOR] },
];

/** An exchange's desk: two compliance officers, so that one can approve the other's answers. */
export const EXCHANGE_DEMO_USERS: { username: string; roles: Role[] }[] = [
  { username: 'compliance', roles: [Role.COMPLIANCE_OFFICER] },
  { username: 'compliance2', roles: [Role.COMPLIANCE_OFFICER] },
  { username: 'admin', roles: [Role.ADMIN] },
  { username: 'auditor', roles: [Role.AUDITOR] },
];

export function demoUsersFor(kind: NodeKind): { username: string; roles: Role[] }[] {
  return kind === 'exchange' ? EXCHANGE_DEMO_USERS : DEMO_USERS;
}
