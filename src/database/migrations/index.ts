import { OfficerAccounts1764050000000 } from './1764050000000-officer-accounts.js';
import { NodeIdentityAndPacketIntake1764060000000 } from './1764060000000-node-identity-and-packet-intake.js';

/** Every migration, in order. A new migration is added here in the same commit. */
export const MIGRATIONS = [OfficerAccounts1764050000000, NodeIdentityAndPacketIntake1764060000000];
