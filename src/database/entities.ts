import { LoginAttempt } from '../auth/entities/login-attempt.entity.js';
import { OfficerAccount } from '../officers/entities/officer-account.entity.js';

/** Every TypeORM entity of the node. */
export const ENTITIES = [OfficerAccount, LoginAttempt];
