import type { Role } from '../../kernel/vocabulary/role.js';

/** The officer behind a request, as the guard established it from the token and the database. */
export interface AuthenticatedOfficer {
  id: string;
  username: string;
  roles: Role[];
}
