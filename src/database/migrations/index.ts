import { OfficerAccounts1764050000000 } from './1764050000000-officer-accounts.js';

/** Every migration, in order. A new migration is added here in the same commit. */
export const MIGRATIONS = [OfficerAccounts1764050000000];
