import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  ANALYST = 'ANALYST',
  LIAISON_OFFICER = 'LIAISON_OFFICER',
  ADMIN = 'ADMIN',
  AUDITOR = 'AUDITOR',
}

registerEnumType(Role, { name: 'Role', description: 'What an officer account may do on this node.' });

export const ALL_ROLES = Object.values(Role);

export function parseRoles(text: string): Role[] {
  const roles = text.split(',').map((r) => r.trim().toUpperCase()).filter(Boolean);
  const unknown = roles.filter((r) => !ALL_ROLES.includes(r as Role));
  if (unknown.length || roles.length === 0) {
    throw new Error(`unknown role(s) "${unknown.join(', ') || text}"; expected one or more of ${ALL_ROLES.join(', ')}`);
  }
  return [...new Set(roles as Role[])];
}
