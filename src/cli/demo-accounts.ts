import { Role } from '../auth/role.enum.js';

/** Accounts `npm run federation` creates on every example node; development data only. */
export const DEMO_PASSWORD = 'demo-password-2026';

export const DEMO_USERS: { username: string; roles: Role[] }[] = [
  { username: 'analyst', roles: [Role.ANALYST] },
  { username: 'liaison', roles: [Role.LIAISON_OFFICER] },
  { username: 'admin', roles: [Role.ADMIN] },
  { username: 'auditor', roles: [Role.AUDITOR] },
];
