import { InputException } from '../common/errors/input.exception.js';
import { ALL_ROLES, Role } from '../kernel/vocabulary/role.js';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function checkUsername(username: string): string {
  const normalized = normalizeUsername(username);
  if (!USERNAME.test(normalized)) {
    throw new InputException(
      'username',
      'must be 3 to 64 characters: letters, digits, dot, dash or underscore, starting with a letter or digit',
    );
  }
  return normalized;
}

/** Length over composition rules (NIST SP 800-63B); the upper bound keeps hashing cheap to refuse. */
export function checkPassword(password: string): void {
  if ([...password].length < 12) throw new InputException('password', 'must be at least 12 characters long');
  if (password.length > 1024) throw new InputException('password', 'must be at most 1024 characters long');
}

export function checkRoles(roles: readonly string[]): Role[] {
  if (roles.length === 0) throw new InputException('roles', 'give at least one role');
  const unknown = roles.filter((role) => !ALL_ROLES.includes(role as Role));
  if (unknown.length) throw new InputException('roles', `unknown role(s): ${unknown.join(', ')}`);
  return [...new Set(roles as Role[])];
}
