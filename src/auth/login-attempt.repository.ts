import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { LoginAttempt, LoginOutcome } from './entities/login-attempt.entity.js';

const FAILURES = [LoginOutcome.BAD_CREDENTIALS, LoginOutcome.ACCOUNT_DISABLED];

/** Login attempts live in PostgreSQL so that limits hold across replicas and restarts. */
@Injectable()
export class LoginAttemptRepository {
  constructor(@InjectRepository(LoginAttempt) private readonly attempts: Repository<LoginAttempt>) {}

  async record(username: string, clientAddress: string, outcome: LoginOutcome): Promise<void> {
    await this.attempts.insert({ username, clientAddress, outcome });
  }

  /** Failures for a username within the window and since its last successful login, with the oldest one's time. */
  async failuresForUser(username: string, windowSeconds: number): Promise<{ count: number; oldest: Date | null }> {
    const [row] = (await this.attempts.query(
      `SELECT count(*)::int AS count, min(attempted_at) AS oldest FROM login_attempt
        WHERE username = $1 AND outcome = ANY($2) AND attempted_at > now() - make_interval(secs => $3)
          AND attempted_at > coalesce((SELECT max(attempted_at) FROM login_attempt WHERE username = $1 AND outcome = 'SUCCEEDED'), '-infinity')`,
      [username, FAILURES, windowSeconds],
    )) as { count: number; oldest: Date | null }[];
    return row;
  }

  async failuresFromAddress(clientAddress: string, windowSeconds: number): Promise<{ count: number; oldest: Date | null }> {
    const [row] = (await this.attempts.query(
      `SELECT count(*)::int AS count, min(attempted_at) AS oldest FROM login_attempt
        WHERE client_address = $1 AND outcome = ANY($2) AND attempted_at > now() - make_interval(secs => $3)`,
      [clientAddress, FAILURES, windowSeconds],
    )) as { count: number; oldest: Date | null }[];
    return row;
  }
}
